using GitOps.Gateway.Auth;
using GitOps.Gateway.Auth.Requests;
using Microsoft.AspNetCore.Http;

namespace GitOps.Gateway.Tests.Authorization;

/// <summary>Requests resolve to the attributes kube-apiserver's RequestInfoFactory gives them; the GitOps API to gitops.io resources.</summary>
public sealed class RequestAttributesResolverTests
{
    private static readonly UserInfo Jane = new("jane", "uid-jane", []);

    private static RequestAttributes Resolve(string method, string pathAndQuery)
    {
        var context = new DefaultHttpContext();
        var question = pathAndQuery.IndexOf('?');
        context.Request.Method = method;
        context.Request.Path = question < 0 ? pathAndQuery : pathAndQuery[..question];
        if (question >= 0)
            context.Request.QueryString = new QueryString(pathAndQuery[question..]);
        return RequestAttributesResolver.Resolve(context.Request, Jane);
    }

    [Theory]
    [InlineData("GET", "/api/v1/namespaces/prod/pods", "list", "", "pods", "", "prod", "")]
    [InlineData("GET", "/api/v1/namespaces/prod/pods?watch=true", "watch", "", "pods", "", "prod", "")]
    [InlineData("GET", "/api/v1/namespaces/prod/pods?watch=1&resourceVersion=5", "watch", "", "pods", "", "prod", "")]
    [InlineData("GET", "/api/v1/namespaces/prod/pods?fieldSelector=metadata.name%3Dweb", "list", "", "pods", "", "prod", "web")]
    [InlineData("GET", "/api/v1/pods", "list", "", "pods", "", "", "")]
    [InlineData("GET", "/api/v1/namespaces/prod/pods/web", "get", "", "pods", "", "prod", "web")]
    [InlineData("HEAD", "/api/v1/namespaces/prod/pods/web", "get", "", "pods", "", "prod", "web")]
    [InlineData("POST", "/api/v1/namespaces/prod/pods", "create", "", "pods", "", "prod", "")]
    [InlineData("PUT", "/api/v1/namespaces/prod/pods/web", "update", "", "pods", "", "prod", "web")]
    [InlineData("PATCH", "/api/v1/namespaces/prod/pods/web/status", "patch", "", "pods", "status", "prod", "web")]
    [InlineData("DELETE", "/api/v1/namespaces/prod/pods/web", "delete", "", "pods", "", "prod", "web")]
    [InlineData("DELETE", "/api/v1/namespaces/prod/pods", "deletecollection", "", "pods", "", "prod", "")]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/prod/deployments/web/scale", "patch", "apps", "deployments", "scale", "prod", "web")]
    [InlineData("GET", "/api/v1/namespaces/prod", "get", "", "namespaces", "", "prod", "prod")]
    [InlineData("PUT", "/api/v1/namespaces/prod/status", "update", "", "namespaces", "status", "prod", "prod")]
    [InlineData("GET", "/api/v1/nodes/n1", "get", "", "nodes", "", "", "n1")]
    [InlineData("POST", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", "create", "rbac.authorization.k8s.io", "clusterrolebindings", "", "", "")]
    [InlineData("GET", "/api/gitops/sources", "list", "gitops.io", "sources", "", "", "")]
    [InlineData("POST", "/api/gitops/sources", "create", "gitops.io", "sources", "", "", "")]
    [InlineData("GET", "/api/gitops/sources/apps", "get", "gitops.io", "sources", "", "", "apps")]
    [InlineData("DELETE", "/api/gitops/sources/apps", "delete", "gitops.io", "sources", "", "", "apps")]
    [InlineData("POST", "/api/gitops/sources/apps/sync", "create", "gitops.io", "sources", "sync", "", "apps")]
    [InlineData("GET", "/api/gitops/sources/apps/history", "get", "gitops.io", "sources", "history", "", "apps")]
    [InlineData("GET", "/api/gitops/sources/apps/diff", "get", "gitops.io", "sources", "diff", "", "apps")]
    [InlineData("GET", "/api/gitops/status", "get", "gitops.io", "status", "", "", "")]
    [InlineData("POST", "/api/gitops/webhook", "create", "gitops.io", "webhook", "", "", "")]
    public void A_resource_request_resolves_to_verb_group_resource_subresource_namespace_and_name(
        string method, string path, string verb, string group, string resource, string subresource, string ns, string name)
    {
        var attributes = Resolve(method, path);

        Assert.True(attributes.IsResourceRequest);
        Assert.Equal((verb, group, resource, subresource, ns, name),
            (attributes.Verb, attributes.ApiGroup, attributes.Resource, attributes.Subresource, attributes.Namespace, attributes.Name));
        Assert.Same(Jane, attributes.User);
    }

    [Theory]
    [InlineData("GET", "/version", "get")]
    [InlineData("GET", "/healthz", "get")]
    [InlineData("GET", "/openapi/v2", "get")]
    [InlineData("GET", "/api", "get")]
    [InlineData("GET", "/api/v1", "get")]
    [InlineData("GET", "/apis", "get")]
    [InlineData("GET", "/apis/apps", "get")]
    [InlineData("GET", "/apis/apps/v1", "get")]
    [InlineData("GET", "/metrics", "get")]
    [InlineData("POST", "/swagger/x", "post")]
    public void Discovery_and_other_paths_are_non_resource_urls_with_the_lower_case_method_as_verb(string method, string path, string verb)
    {
        var attributes = Resolve(method, path);

        Assert.False(attributes.IsResourceRequest);
        Assert.Equal(verb, attributes.Verb);
        Assert.Equal(path, attributes.Path);
    }
}
