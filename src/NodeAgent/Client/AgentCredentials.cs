namespace GitOps.NodeAgent.Client;

/// <summary>
/// The bearer tokens an agent sends: each node's own token (a node authenticates as <c>system:node:NAME</c>, so the
/// server can hold it to its own Node and pods) and a token for the requests not made for one node (the shared pod
/// watch); without one, those use the first node's token.
/// </summary>
public sealed record AgentCredentials(string? Token, IReadOnlyDictionary<string, string> NodeTokens)
{
    public static AgentCredentials None { get; } = new(null, new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>The token of requests made for <paramref name="nodeName"/>: its own, else the agent's.</summary>
    public string? ForNode(string nodeName) => NodeTokens.GetValueOrDefault(nodeName) ?? Token;

    /// <summary>The token of requests made for no one node.</summary>
    public string? Shared => Token ?? NodeTokens.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Value).FirstOrDefault();

    /// <summary>
    /// Reads <c>--token-file</c> (one token, the first line; for an agent of one node, or every node of a fleet that shares an
    /// identity) and <c>--token-dir</c> (a file per node, named after the node, holding its token: every node of the agent
    /// needs one). Problems name the option and file.
    /// </summary>
    public static AgentCredentials Read(string? tokenFile, string? tokenDirectory, IReadOnlyCollection<string> nodeNames, List<string> errors)
    {
        string? token = null;
        if (tokenFile is not null)
            token = ReadToken(tokenFile, "--token-file", errors);
        var nodeTokens = new Dictionary<string, string>(StringComparer.Ordinal);
        if (tokenDirectory is not null)
        {
            if (!Directory.Exists(tokenDirectory))
            {
                errors.Add($"--token-dir '{tokenDirectory}' does not exist; create it with one file per node, named after the node, holding the node's token.");
            }
            else
            {
                var missing = nodeNames.Where(n => !File.Exists(Path.Combine(tokenDirectory, n))).ToList();
                if (missing.Count > 0)
                    errors.Add($"--token-dir '{tokenDirectory}' has no token file for node {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? $" and {missing.Count - 5} more" : "")}; add a file named after each node holding its token.");
                foreach (var node in nodeNames.Except(missing))
                {
                    if (ReadToken(Path.Combine(tokenDirectory, node), "--token-dir", errors) is { } nodeToken)
                        nodeTokens[node] = nodeToken;
                }
            }
        }
        return new AgentCredentials(token, nodeTokens);
    }

    private static string? ReadToken(string path, string option, List<string> errors)
    {
        if (!File.Exists(path))
        {
            errors.Add($"{option}: '{path}' does not exist; write the agent's bearer token into it (one line).");
            return null;
        }
        var token = File.ReadLines(path).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        if (token is null)
            errors.Add($"{option}: '{path}' is empty; write the bearer token into it (one line).");
        return token;
    }
}
