namespace GitOps.Gateway.Auth;

/// <summary>
/// A token the process itself gives out and accepts until it ends, kept in memory only (registered in DI:
/// <c>AddSingleton(new InProcessToken(...))</c>): the silo's in-process simulated nodes authenticate with these.
/// </summary>
public sealed record InProcessToken(string Token, UserInfo User);
