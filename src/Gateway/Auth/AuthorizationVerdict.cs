namespace GitOps.Gateway.Auth;

/// <summary>An authorizer's answer: the chain stops at the first Allow or Deny; NoOpinion asks the next one.</summary>
public enum AuthorizationVerdict
{
    NoOpinion,
    Allow,
    Deny,
}
