using System.Runtime.InteropServices;

namespace GitOps.NodeAgent.Processes;

/// <summary>Sends a POSIX signal to a process (SIGTERM for a graceful stop; .NET's Kill sends SIGKILL).</summary>
internal static partial class UnixSignals
{
    public const int SigTerm = 15;

    public static bool Send(int processId, int signal) => OperatingSystem.IsWindows() ? false : Kill(processId, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int sig);
}
