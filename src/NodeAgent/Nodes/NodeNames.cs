using System.Text.RegularExpressions;

namespace GitOps.NodeAgent.Nodes;

/// <summary>Checks node names and name prefixes (DNS-1123 subdomains, as Kubernetes requires of node names).</summary>
public static partial class NodeNames
{
    public static bool IsValid(string name) => name.Length <= 253 && Subdomain().IsMatch(name);

    public static bool IsValidPrefix(string prefix) => prefix.Length <= 200 && Subdomain().IsMatch(prefix);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
}
