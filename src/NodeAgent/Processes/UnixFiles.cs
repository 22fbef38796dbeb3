using System.Runtime.InteropServices;

namespace GitOps.NodeAgent.Processes;

/// <summary>File ownership, which .NET has no API for.</summary>
internal static partial class UnixFiles
{
    /// <summary>Gives <paramref name="path"/> to the user and group; throws <see cref="IOException"/> naming the path when it fails.</summary>
    public static void Chown(string path, int uid, int gid)
    {
        if (!OperatingSystem.IsWindows() && NativeChown(path, uid, gid) != 0)
            throw new IOException($"Could not give {path} to uid {uid}: error {Marshal.GetLastPInvokeError()}.");
    }

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeChown(string path, int uid, int gid);
}
