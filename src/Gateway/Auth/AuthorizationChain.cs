namespace GitOps.Gateway.Auth;

/// <summary>
/// Asks the registered <see cref="IAuthorizer"/>s in DI order (node authorizer, then RBAC) and stops at the
/// first Allow or Deny, as kube-apiserver's union authorizer does; members of <see cref="UserInfo.SuperuserGroup"/>
/// are allowed before any is asked. Without an Allow the request is forbidden; the decision then carries the
/// authorizers' reasons. The authorization middleware and the access reviews use this one chain.
/// </summary>
public sealed class AuthorizationChain(IEnumerable<IAuthorizer> authorizers)
{
    private readonly IAuthorizer[] _authorizers = authorizers.ToArray();

    public async ValueTask<AuthorizationDecision> AuthorizeAsync(RequestAttributes attributes, CancellationToken cancellationToken)
    {
        if (attributes.User.IsInGroup(UserInfo.SuperuserGroup))
            return AuthorizationDecision.Allow($"member of {UserInfo.SuperuserGroup}");
        var reasons = new List<string>();
        foreach (var authorizer in _authorizers)
        {
            var decision = await authorizer.AuthorizeAsync(attributes, cancellationToken);
            if (decision.Verdict != AuthorizationVerdict.NoOpinion)
                return decision;
            if (decision.Reason.Length > 0)
                reasons.Add(decision.Reason);
        }
        return new AuthorizationDecision(AuthorizationVerdict.NoOpinion, string.Join("; ", reasons));
    }
}
