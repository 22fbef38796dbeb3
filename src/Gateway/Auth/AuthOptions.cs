namespace GitOps.Gateway.Auth;

/// <summary>How callers are authenticated, bound from the configuration section <c>GitOps:Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "GitOps:Auth";
    public const int DefaultServiceAccountTokenSeconds = 3600;
    public const int MinServiceAccountTokenSeconds = 600;
    public const int DefaultMaxServiceAccountTokenSeconds = 48 * 3600;

    /// <summary>
    /// <c>GitOps:Auth:TokenFile</c>: a file of bearer tokens in kube-apiserver's <c>--token-auth-file</c> format,
    /// one <c>token,user,uid,"group1,group2"</c> a line. Read at start-up; a line it cannot read stops the start.
    /// </summary>
    public string? TokenFile { get; set; }

    /// <summary>
    /// <c>GitOps:Auth:AllowAnonymous</c> (command line <c>--insecure-allow-anonymous</c>): FOR TESTS ONLY. A request
    /// without a token is then user <c>system:anonymous</c> in <c>system:unauthenticated</c> and <c>system:masters</c>,
    /// so it may do anything. A bad token is still refused.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>
    /// <c>GitOps:Auth:ServiceAccountKeyFile</c>: where the key that signs ServiceAccount tokens is kept (a PEM file,
    /// generated when missing). Every silo of a cluster must read the same key; on PostgreSQL the key is kept in the
    /// database instead when this is not set.
    /// </summary>
    public string? ServiceAccountKeyFile { get; set; }

    /// <summary><c>GitOps:Auth:ServiceAccountIssuer</c>: the <c>iss</c> claim of the tokens this cluster issues and accepts.</summary>
    public string ServiceAccountIssuer { get; set; } = "https://kubernetes.default.svc.cluster.local";

    /// <summary><c>GitOps:Auth:MaxServiceAccountTokenSeconds</c>: the longest lifetime a TokenRequest gets (longer requests are cut to it).</summary>
    public int MaxServiceAccountTokenSeconds { get; set; } = DefaultMaxServiceAccountTokenSeconds;
}
