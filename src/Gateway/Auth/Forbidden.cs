using GitOps.Gateway.Errors;

namespace GitOps.Gateway.Auth;

/// <summary>The 403 Status of a refused request, worded as kube-apiserver words it (kubectl shows the message as is).</summary>
public static class Forbidden
{
    /// <summary>
    /// <c>pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "prod"</c>,
    /// followed by the authorizers' reason when they gave one.
    /// </summary>
    public static KubeStatus StatusFor(RequestAttributes attributes, string reason)
    {
        var message = Message(attributes) + (reason.Length > 0 ? $": {reason}" : "");
        if (!attributes.IsResourceRequest)
            return new KubeStatus(403, "Forbidden", $"forbidden: {message}", new StatusDetails(null, null, null));
        var qualified = attributes.ApiGroup.Length == 0 ? attributes.Resource : $"{attributes.Resource}.{attributes.ApiGroup}";
        var subject = attributes.Name.Length == 0 ? qualified : $"{qualified} \"{attributes.Name}\"";
        return new KubeStatus(403, "Forbidden", $"{subject} is forbidden: {message}",
            new StatusDetails(attributes.Name.Length == 0 ? null : attributes.Name, attributes.ApiGroup, attributes.Resource));
    }

    private static string Message(RequestAttributes a)
    {
        if (!a.IsResourceRequest)
            return $"User \"{a.User.Name}\" cannot {a.Verb} path \"{a.Path}\"";
        var resource = a.Subresource.Length == 0 ? a.Resource : $"{a.Resource}/{a.Subresource}";
        var scope = a.Namespace.Length > 0 ? $"in the namespace \"{a.Namespace}\"" : "at the cluster scope";
        return $"User \"{a.User.Name}\" cannot {a.Verb} resource \"{resource}\" in API group \"{a.ApiGroup}\" {scope}";
    }
}
