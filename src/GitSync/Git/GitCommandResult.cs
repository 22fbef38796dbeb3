namespace GitOps.GitSync.Git;

/// <summary>What one git process produced. <see cref="TimedOut"/> means it was killed at the timeout.</summary>
public sealed record GitCommandResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut = false)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;
}
