namespace GitOps.Gateway.Auth;

/// <summary>What a TokenRequest asks for, defaults and limits applied: the token's audiences and lifetime.</summary>
internal sealed record TokenRequestSpec(IReadOnlyList<string> Audiences, TimeSpan Lifetime);
