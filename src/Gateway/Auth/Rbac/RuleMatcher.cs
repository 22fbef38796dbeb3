namespace GitOps.Gateway.Auth.Rbac;

/// <summary>
/// Kubernetes RBAC's rule semantics (rbac/v1 helpers): a rule allows a resource request when the verb, API
/// group, resource (<c>*</c>, the plain name, <c>res/sub</c> for a subresource, or <c>*/sub</c>) and, if the
/// rule lists any, the object's name match; a non-resource request when the verb and the URL (exact, <c>*</c>,
/// or a prefix ending in <c>*</c>) match.
/// </summary>
public static class RuleMatcher
{
    public const string All = "*";

    public static bool Allows(PolicyRule rule, RequestAttributes request)
    {
        if (!Contains(rule.Verbs, request.Verb))
            return false;
        if (!request.IsResourceRequest)
            return rule.NonResourceUrls.Any(url => UrlMatches(url, request.Path));
        return Contains(rule.ApiGroups, request.ApiGroup)
            && ResourceMatches(rule.Resources, request.Resource, request.Subresource)
            && (rule.ResourceNames.Count == 0 || rule.ResourceNames.Contains(request.Name, StringComparer.Ordinal));
    }

    public static bool Allows(IEnumerable<PolicyRule> rules, RequestAttributes request) => rules.Any(r => Allows(r, request));

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        foreach (var candidate in values)
        {
            if (candidate == All || string.Equals(candidate, value, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    private static bool ResourceMatches(IReadOnlyList<string> ruleResources, string resource, string subresource)
    {
        var combined = subresource.Length == 0 ? resource : $"{resource}/{subresource}";
        foreach (var candidate in ruleResources)
        {
            if (candidate == All || string.Equals(candidate, combined, StringComparison.Ordinal))
                return true;
            if (subresource.Length > 0 && candidate.Length == subresource.Length + 2 && candidate.StartsWith("*/", StringComparison.Ordinal)
                && candidate.EndsWith(subresource, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    private static bool UrlMatches(string rule, string path)
    {
        if (rule == All || string.Equals(rule, path, StringComparison.Ordinal))
            return true;
        return rule.EndsWith('*') && path.StartsWith(rule[..^1], StringComparison.Ordinal);
    }
}
