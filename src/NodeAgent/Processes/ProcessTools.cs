namespace GitOps.NodeAgent.Processes;

/// <summary>
/// The util-linux programs every container is started through, by absolute path (never through the container's own
/// PATH, which the pod's author sets): <c>setsid</c> gives the container its own session and process group, which
/// .NET's Process cannot (it has no setsid/setpgid hook between fork and exec); <c>prlimit</c> sets its rlimits;
/// <c>setpriv</c> drops to the unprivileged user. util-linux is an essential package of Debian (in minbase).
/// </summary>
public sealed record ProcessTools(string Setsid, string Prlimit, string Setpriv, string Shell)
{
    /// <summary>The tools from the agent's PATH, or the problem naming what to install.</summary>
    public static (ProcessTools? Tools, string? Error) Find()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries);
        string? Locate(string name) => path.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
        var (setsid, prlimit, setpriv, shell) = (Locate("setsid"), Locate("prlimit"), Locate("setpriv"), File.Exists("/bin/sh") ? "/bin/sh" : null);
        if (setsid is null || prlimit is null || setpriv is null || shell is null)
            return (null, "The process runtime needs setsid, prlimit and setpriv (util-linux) and /bin/sh on this host: install util-linux (apt-get install util-linux).");
        return (new ProcessTools(setsid, prlimit, setpriv, shell), null);
    }
}
