namespace GitOps.Gateway.Auth;

/// <summary>
/// One link of the authorizer chain (registered in DI with <c>AddSingleton&lt;IAuthorizer, ...&gt;</c>; asked in
/// registration order, as kube-apiserver's <c>--authorization-mode=Node,RBAC</c> does): the node authorizer
/// first, then RBAC. A request no link allows is forbidden.
/// </summary>
public interface IAuthorizer
{
    ValueTask<AuthorizationDecision> AuthorizeAsync(RequestAttributes attributes, CancellationToken cancellationToken);
}
