using System.Text;

namespace GitOps.NodeAgent.Client;

/// <summary>
/// Where a resource lives in the Kubernetes API: <c>/api/v1/namespaces/{ns}/pods/{name}</c> for the
/// core group, <c>/apis/{group}/{version}/...</c> otherwise. A null <see cref="Name"/> is the collection.
/// </summary>
public sealed record ResourcePath(string Group, string Version, string Plural, string? Namespace = null, string? Name = null)
{
    public static ResourcePath Nodes() => new("", "v1", "nodes");

    public static ResourcePath Node(string name) => new("", "v1", "nodes", null, name);

    /// <summary>Pods of one namespace, or of all namespaces when <paramref name="namespace"/> is null.</summary>
    public static ResourcePath Pods(string? @namespace = null) => new("", "v1", "pods", @namespace);

    public static ResourcePath Pod(string @namespace, string name) => new("", "v1", "pods", @namespace, name);

    public static ResourcePath ConfigMap(string @namespace, string name) => new("", "v1", "configmaps", @namespace, name);

    public static ResourcePath Secret(string @namespace, string name) => new("", "v1", "secrets", @namespace, name);

    public static ResourcePath Leases(string @namespace) => new("coordination.k8s.io", "v1", "leases", @namespace);

    public static ResourcePath Lease(string @namespace, string name) => new("coordination.k8s.io", "v1", "leases", @namespace, name);

    /// <summary>The collection this object belongs to (the path to POST a new object to).</summary>
    public ResourcePath Collection => this with { Name = null };

    public ResourcePath WithName(string name) => this with { Name = name };

    /// <summary>The URL path, with an optional subresource such as "status".</summary>
    public string ToUrlPath(string? subresource = null)
    {
        var path = new StringBuilder(string.IsNullOrEmpty(Group) ? $"/api/{Version}" : $"/apis/{Group}/{Version}");
        if (!string.IsNullOrEmpty(Namespace))
            path.Append("/namespaces/").Append(Uri.EscapeDataString(Namespace));
        path.Append('/').Append(Plural);
        if (!string.IsNullOrEmpty(Name))
            path.Append('/').Append(Uri.EscapeDataString(Name));
        if (!string.IsNullOrEmpty(subresource))
        {
            if (string.IsNullOrEmpty(Name))
                throw new InvalidOperationException($"The subresource '{subresource}' needs an object name; '{this}' is a collection.");
            path.Append('/').Append(subresource);
        }
        return path.ToString();
    }

    public override string ToString() => ToUrlPath();
}
