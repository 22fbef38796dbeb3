using Microsoft.AspNetCore.Http;

namespace GitOps.Gateway.Auth.Requests;

/// <summary>
/// Resolves a request to the <see cref="RequestAttributes"/> authorizers decide on, as kube-apiserver's
/// RequestInfoFactory does: <c>/api/v1/...</c> and <c>/apis/{group}/{version}/...</c> are resource requests
/// (verb from the method; a GET without a name is list, or watch with <c>?watch=true</c>; a DELETE without a
/// name is deletecollection; <c>fieldSelector=metadata.name=X</c> names the object), every other path is a
/// non-resource URL whose verb is the lower-case method. The GitOps API is mapped to resources of
/// <see cref="GitOpsApiAttributes.Group"/> by <see cref="GitOpsApiAttributes"/>.
/// </summary>
public static class RequestAttributesResolver
{
    // Subresources of a namespace itself (/api/v1/namespaces/{name}/status), not kinds inside it.
    private static readonly HashSet<string> NamespaceSubresources = new(StringComparer.Ordinal) { "status", "finalize" };

    public static RequestAttributes Resolve(HttpRequest request, UserInfo user)
    {
        var path = request.Path.Value ?? "/";
        var method = request.Method;
        if (GitOpsApiAttributes.Resolve(user, method, path) is { } gitOps)
            return gitOps;
        var nonResource = new RequestAttributes(user, method.ToLowerInvariant(), IsResourceRequest: false, path);
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3 || parts[0] is not ("api" or "apis"))
            return nonResource;
        var group = "";
        var rest = parts.AsSpan(1);
        if (parts[0] == "apis")
        {
            if (rest.Length < 3)
                return nonResource;
            group = rest[0];
            rest = rest[1..];
        }
        var version = rest[0];
        rest = rest[1..];

        var verb = method switch
        {
            "POST" => "create",
            "GET" or "HEAD" => "get",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            _ => method.ToLowerInvariant(),
        };
        var @namespace = "";
        if (rest[0] == "namespaces" && rest.Length > 1)
        {
            @namespace = rest[1];
            if (rest.Length > 2 && !NamespaceSubresources.Contains(rest[2]))
                rest = rest[2..];
        }
        var resource = rest[0];
        var name = rest.Length >= 2 ? rest[1] : "";
        var subresource = rest.Length >= 3 ? rest[2] : "";

        if (name.Length == 0 && verb == "get")
        {
            verb = IsTrue(request.Query["watch"]) ? "watch" : "list";
            name = NameFromFieldSelector(request.Query["fieldSelector"]) ?? "";
        }
        if (name.Length == 0 && verb == "delete")
            verb = "deletecollection";
        return new RequestAttributes(user, verb, IsResourceRequest: true, path, group, version, resource, subresource, @namespace, name);
    }

    private static bool IsTrue(string? value) => value is not null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "t");

    // A list narrowed to one object (kubectl's watch of a single name) is authorized for that name, as in Kubernetes.
    private static string? NameFromFieldSelector(string? selector)
    {
        if (string.IsNullOrEmpty(selector))
            return null;
        foreach (var term in selector.Split(','))
        {
            var trimmed = term.Trim();
            foreach (var op in (string[])["metadata.name==", "metadata.name="])
            {
                if (trimmed.StartsWith(op, StringComparison.Ordinal) && trimmed.Length > op.Length && !trimmed.Contains('/'))
                    return trimmed[op.Length..];
            }
        }
        return null;
    }
}
