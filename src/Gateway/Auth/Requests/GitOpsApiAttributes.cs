namespace GitOps.Gateway.Auth.Requests;

/// <summary>
/// Maps the GitOps API (<c>/api/gitops/...</c>) onto RBAC's terms, so Roles grant it like any Kubernetes
/// resource of group <see cref="Group"/>, all cluster-scoped: the sources are resource <c>sources</c> (list and
/// create on <c>/api/gitops/sources</c>, get and delete on <c>/api/gitops/sources/{name}</c>), and a source's
/// <c>sync</c> (create), <c>history</c> and <c>diff</c> (get) are its subresources. The other routes are
/// single documents named by their first segment: <c>status</c> (get: the dashboard's status document) and
/// <c>webhook</c> (create: a push notification).
/// </summary>
public static class GitOpsApiAttributes
{
    public const string Group = "gitops.io";

    public const string Version = "v1";

    public const string Sources = "sources";

    private const string Prefix = "/api/gitops";

    /// <summary>The attributes of a request under <c>/api/gitops</c>; null for any other path.</summary>
    public static RequestAttributes? Resolve(UserInfo user, string method, string path)
    {
        if (!path.StartsWith(Prefix, StringComparison.Ordinal) || (path.Length > Prefix.Length && path[Prefix.Length] != '/'))
            return null;
        var parts = path[Prefix.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
            return new RequestAttributes(user, method.ToLowerInvariant(), IsResourceRequest: false, path);
        var resource = parts[0];
        var name = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "";
        var subresource = parts.Length > 2 ? parts[2] : "";
        var collection = resource == Sources && name.Length == 0;
        var verb = method switch
        {
            "GET" or "HEAD" => collection ? "list" : "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => collection ? "deletecollection" : "delete",
            _ => method.ToLowerInvariant(),
        };
        return new RequestAttributes(user, verb, IsResourceRequest: true, path, Group, Version, resource, subresource, Namespace: "", Name: name);
    }
}
