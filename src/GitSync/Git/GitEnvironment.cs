using System.Text;

namespace GitOps.GitSync.Git;

/// <summary>Builds the environment every git process runs with: no prompts, stable messages, credentials, host key checking.</summary>
internal static class GitEnvironment
{
    public static IReadOnlyDictionary<string, string> For(GitAccess access)
    {
        var credentials = access.Credentials;
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["GIT_ASKPASS"] = "",
            ["SSH_ASKPASS"] = "",
            ["LC_ALL"] = "C",
            ["GIT_SSH_COMMAND"] = SshCommand(credentials.SshKeyFile, access.HostKeys),
        };
        if (AuthorizationHeader(credentials) is { } header)
        {
            // Passed as configuration through the environment (git >= 2.31), so the token is
            // not in the process's argument list where `ps` would show it.
            // Appended after any GIT_CONFIG_* entries the process already has (e.g. safe.directory).
            var inherited = int.TryParse(Environment.GetEnvironmentVariable("GIT_CONFIG_COUNT"), out var count) && count > 0 ? count : 0;
            env["GIT_CONFIG_COUNT"] = (inherited + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            env[$"GIT_CONFIG_KEY_{inherited}"] = "http.extraHeader";
            env[$"GIT_CONFIG_VALUE_{inherited}"] = header;
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
    /// The ssh command git runs (through a shell, hence the single quotes). Host keys are checked
    /// against <see cref="SshHostKeys.KnownHostsFile"/> only, never the user's ~/.ssh/known_hosts:
    /// strictly when the file is configured, else a host seen for the first time is added to it.
    /// </summary>
    public static string SshCommand(string? keyFile, SshHostKeys hostKeys)
    {
        var checking = hostKeys.Strict ? "yes" : "accept-new";
        var command = $"ssh -o BatchMode=yes -o StrictHostKeyChecking={checking} " +
            $"-o {ShellQuote("UserKnownHostsFile=" + SshConfigPath(hostKeys.KnownHostsFile))}";
        return string.IsNullOrEmpty(keyFile)
            ? command
            : $"{command} -o IdentitiesOnly=yes -i {ShellQuote(keyFile)}";
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>A path as an ssh option value: double-quoted (spaces would separate several files), '%' doubled (ssh expands %-tokens there).</summary>
    private static string SshConfigPath(string path) =>
        "\"" + path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("%", "%%", StringComparison.Ordinal) + "\"";
}
