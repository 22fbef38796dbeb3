namespace GitOps.Gateway.Auth;

/// <summary>
/// What a request asks to do, in the terms Kubernetes authorizers decide on: for a resource
/// request the verb (get, list, watch, create, update, patch, delete, deletecollection), API group,
/// resource, subresource, namespace and name; otherwise the verb is the lower-case HTTP method and
/// <see cref="Path"/> is the non-resource URL.
/// </summary>
public sealed record RequestAttributes(
    UserInfo User,
    string Verb,
    bool IsResourceRequest,
    string Path,
    string ApiGroup = "",
    string ApiVersion = "",
    string Resource = "",
    string Subresource = "",
    string Namespace = "",
    string Name = "");
