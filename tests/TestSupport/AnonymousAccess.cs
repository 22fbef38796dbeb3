namespace GitOps.TestSupport;

/// <summary>
/// The test-only switch under which a request without a token is user system:anonymous in system:masters, so the
/// tests that are not about authentication call the API without tokens, as before it had any.
/// </summary>
public static class AnonymousAccess
{
    /// <summary>The configuration key, for hosts built in the test process.</summary>
    public const string Setting = "GitOps:Auth:AllowAnonymous";

    /// <summary>The environment variable, for silo processes.</summary>
    public const string EnvironmentVariable = "GitOps__Auth__AllowAnonymous";
}
