using System.Runtime.InteropServices;

namespace GitOps.NodeAgent.Processes;

/// <summary>Sends a POSIX signal to a process, or to a whole process group with a negative id (SIGTERM for a graceful stop, SIGKILL).</summary>
internal static partial class UnixSignals
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    public static bool Send(int processId, int signal) => OperatingSystem.IsWindows() ? false : Kill(processId, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int sig);
}
