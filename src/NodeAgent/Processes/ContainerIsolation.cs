namespace GitOps.NodeAgent.Processes;

/// <summary>
/// How every container of a process-runtime agent is started and contained: in its own session and process group
/// (killed as a whole with the pod, when its main process exits, and when the agent dies, see <see cref="ProcessGroups"/>),
/// with rlimits from its resource limits, and, when the agent runs as root, as an unprivileged user.
/// </summary>
public sealed class ContainerIsolation : IDisposable
{
    private ContainerIsolation(ProcessTools tools, ProcessGroups groups, UnixUser? runAs)
    {
        Tools = tools;
        Groups = groups;
        RunAs = runAs;
    }

    public ProcessTools Tools { get; }

    public ProcessGroups Groups { get; }

    /// <summary>The user containers run as; null when the agent is not root (they run as the agent's user).</summary>
    public UnixUser? RunAs { get; }

    /// <summary>Kills the groups an earlier run of an agent with this work directory left, and starts the guardian.</summary>
    public static ContainerIsolation Start(ProcessRuntimeOptions options)
    {
        var (tools, error) = ProcessTools.Find();
        if (tools is null)
            throw new InvalidOperationException(error);
        var (runAs, userError) = ResolveUser(options.RunAsUser);
        if (userError is not null)
            throw new InvalidOperationException(userError);
        return new ContainerIsolation(tools, ProcessGroups.Start(options.WorkDirectory, tools), runAs);
    }

    /// <summary>
    /// The user containers run as: when the agent is root, <paramref name="configured"/> (default nobody), which must
    /// exist and not be root; when it is not, none (a user switch needs root), and naming one is an error.
    /// </summary>
    public static (UnixUser? User, string? Error) ResolveUser(string? configured)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return configured is null
                ? (null, null)
                : (null, $"--run-as-user {configured} needs the agent to run as root (to switch users); without it containers run as the agent's own user.");
        }
        var name = configured ?? UnixUser.DefaultUnprivileged;
        var user = UnixUser.Find(name);
        if (user is null)
            return (null, $"--run-as-user '{name}' names no user of this host (/etc/passwd): create it or name another unprivileged user.");
        if (user.Uid == 0)
            return (null, $"--run-as-user '{name}' is root: containers must run as an unprivileged user; name one such as nobody.");
        return (user, null);
    }

    public void Dispose() => Groups.Dispose();
}
