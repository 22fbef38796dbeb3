namespace GitOps.Gateway.Auth.Rbac;

/// <summary>
/// Kubernetes RBAC (kube-apiserver's <c>--authorization-mode=RBAC</c>): allows a request when a rule of a role
/// bound to the user matches it (<see cref="RuleMatcher"/>); otherwise has no opinion, and the chain forbids it.
/// Decisions come from the informer caches; before refusing, it waits until they hold every change committed
/// so far, so a binding created just before the request counts.
/// </summary>
public sealed class RbacAuthorizer(RbacPolicy policy) : IAuthorizer
{
    public async ValueTask<AuthorizationDecision> AuthorizeAsync(RequestAttributes attributes, CancellationToken cancellationToken)
    {
        await policy.WaitUntilSyncedAsync(cancellationToken);
        var decision = Evaluate(attributes);
        if (decision.Verdict == AuthorizationVerdict.Allow)
            return decision;
        await policy.WaitUntilCurrentAsync(cancellationToken);
        return Evaluate(attributes);
    }

    private AuthorizationDecision Evaluate(RequestAttributes attributes)
    {
        var errors = new List<string>();
        foreach (var grant in policy.GrantsFor(attributes.User, attributes.Namespace, errors))
        {
            if (RuleMatcher.Allows(grant.Rules, attributes))
                return AuthorizationDecision.Allow($"RBAC: allowed by {grant.Binding.Describe()}");
        }
        return errors.Count == 0
            ? AuthorizationDecision.NoOpinion
            : new AuthorizationDecision(AuthorizationVerdict.NoOpinion, "RBAC: " + string.Join("; ", errors));
    }
}
