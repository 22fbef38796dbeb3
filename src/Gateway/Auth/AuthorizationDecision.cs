namespace GitOps.Gateway.Auth;

/// <summary>An authorizer's verdict and, for Allow or Deny, why (shown in 403 messages and access reviews).</summary>
public sealed record AuthorizationDecision(AuthorizationVerdict Verdict, string Reason = "")
{
    public static AuthorizationDecision NoOpinion { get; } = new(AuthorizationVerdict.NoOpinion);

    public static AuthorizationDecision Allow(string reason) => new(AuthorizationVerdict.Allow, reason);

    public static AuthorizationDecision Deny(string reason) => new(AuthorizationVerdict.Deny, reason);
}
