using System.Text;

namespace GitOps.GitSync.Git;

/// <summary>
/// Builds the environment every git process runs with: no prompts, stable messages, credentials, host key checking,
/// and nothing of the user running the silo: a private HOME (no ~/.gitconfig, no url.insteadOf, no credential
/// store), no system git configuration, no credential helper, no ssh agent and no ssh configuration or default keys,
/// and <c>GIT_ALLOW_PROTOCOL</c> set to the one protocol the source may use.
/// </summary>
internal static class GitEnvironment
{
    /// <summary>Variables of the silo's own environment a git process must not see: an ssh agent, ssh or git programs to run instead.</summary>
    public static readonly IReadOnlyList<string> Removed =
        ["SSH_AUTH_SOCK", "SSH_AGENT_PID", "GIT_SSH", "GIT_SSH_VARIANT", "GIT_PROXY_COMMAND", "GIT_CONFIG", "XDG_CONFIG_HOME"];

    /// <summary>The variables to set (a null value: remove the variable from the inherited environment).</summary>
    public static IReadOnlyDictionary<string, string?> For(GitAccess access)
    {
        var credentials = access.Credentials;
        var env = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["GIT_ASKPASS"] = "",
            ["SSH_ASKPASS"] = "",
            ["LC_ALL"] = "C",
            ["HOME"] = access.Home,
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["GIT_CONFIG_GLOBAL"] = "/dev/null",
            // No protocol at all for commands that only read the mirror: nothing is fetched then.
            ["GIT_ALLOW_PROTOCOL"] = access.Protocol is { } protocol ? RepositoryUrl.NameOf(protocol) : "none",
            ["GIT_SSH_COMMAND"] = SshCommand(credentials.SshKeyFile, access.HostKeys),
        };
        foreach (var name in Removed)
            env[name] = null;
        // Passed as configuration through the environment (git >= 2.31), so a token is not in the process's argument
        // list where `ps` would show it. Appended after any GIT_CONFIG_* entries the process already has (e.g.
        // safe.directory), so an empty credential.helper here clears any helper those name.
        var config = new List<(string Key, string Value)> { ("credential.helper", "") };
        if (AuthorizationHeader(credentials) is { } header)
        {
            config.Add(("http.extraHeader", header));
            // A redirect must not carry the token to a host its URL prefixes do not name.
            config.Add(("http.followRedirects", "false"));
        }
        var inherited = int.TryParse(Environment.GetEnvironmentVariable("GIT_CONFIG_COUNT"), out var count) && count > 0 ? count : 0;
        env["GIT_CONFIG_COUNT"] = (inherited + config.Count).ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < config.Count; i++)
        {
            env[$"GIT_CONFIG_KEY_{inherited + i}"] = config[i].Key;
            env[$"GIT_CONFIG_VALUE_{inherited + i}"] = config[i].Value;
        }
        return env;
    }

    /// <summary>The HTTP header that carries the source's token ("Authorization: Basic ..."), or null without a token.</summary>
    public static string? AuthorizationHeader(GitCredentials credentials)
    {
        if (string.IsNullOrEmpty(credentials.Token))
            return null;
        var user = string.IsNullOrEmpty(credentials.Username) ? GitCredentials.DefaultUsername : credentials.Username;
        return "Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{credentials.Token}"));
    }

    /// <summary>
    /// The ssh command git runs (through a shell, hence the single quotes). No ssh configuration file (<c>-F /dev/null</c>
    /// skips the user's and the system's), no agent, and no key but the configured one (none without one: ssh would
    /// otherwise offer the user's ~/.ssh/id_* keys, found through the passwd entry whatever HOME says). Host keys are
    /// checked against <see cref="SshHostKeys.KnownHostsFile"/> only, never the user's or the system's known_hosts:
    /// strictly when the file is configured, else a host seen for the first time is added to it.
    /// </summary>
    public static string SshCommand(string? keyFile, SshHostKeys hostKeys)
    {
        var checking = hostKeys.Strict ? "yes" : "accept-new";
        var command = $"ssh -F /dev/null -o BatchMode=yes -o IdentityAgent=none -o IdentitiesOnly=yes -o StrictHostKeyChecking={checking} " +
            $"-o {ShellQuote("UserKnownHostsFile=" + SshConfigPath(hostKeys.KnownHostsFile))} -o GlobalKnownHostsFile=/dev/null";
        return string.IsNullOrEmpty(keyFile)
            ? $"{command} -o IdentityFile=none"
            : $"{command} -i {ShellQuote(keyFile)}";
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>A path as an ssh option value: double-quoted (spaces would separate several files), '%' doubled (ssh expands %-tokens there).</summary>
    private static string SshConfigPath(string path) =>
        "\"" + path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("%", "%%", StringComparison.Ordinal) + "\"";
}
