using GitOps.Gateway.Resources;
using Microsoft.AspNetCore.Http;

namespace GitOps.Gateway.Auth.Nodes;

/// <summary>
/// The part of NodeRestriction admission that needs the request body: a node creates only its own Node, its
/// own Lease and the <c>kube-node-lease</c> namespace. Runs after the authorizers allowed a node's create;
/// reads the body once and rewinds it for the handler.
/// </summary>
public static class NodeRestriction
{
    /// <summary>Null when the create may go on, else the reason it is forbidden.</summary>
    public static async Task<string?> CheckCreateAsync(HttpRequest request, RequestAttributes attributes, long maxBodyBytes, CancellationToken cancellationToken)
    {
        if (NodeIdentity.NodeNameOf(attributes.User) is not { } node || attributes.Verb != "create" || attributes.Subresource.Length > 0)
            return null;
        var expected = (attributes.ApiGroup, attributes.Resource) switch
        {
            ("", "nodes") or ("coordination.k8s.io", "leases") => node,
            ("", "namespaces") => NodeAuthorizer.LeaseNamespace,
            _ => null,
        };
        if (expected is null)
            return null;
        request.EnableBuffering();
        var (body, error) = await RequestBody.ReadAsync(request, maxBodyBytes, cancellationToken);
        request.Body.Position = 0;
        if (body is null)
            return error?.Message;
        var name = ObjectBody.Parse(request.ContentType, body, maxBodyBytes).Object?.Metadata.Name;
        return name == expected
            ? null
            : $"Node: node \"{node}\" may only create {attributes.Resource} \"{expected}\", not \"{name}\"";
    }
}
