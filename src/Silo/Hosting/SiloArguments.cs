namespace GitOps.Silo.Hosting;

/// <summary>The silo's command-line switches that take no value, turned into the configuration keys they stand for.</summary>
internal static class SiloArguments
{
    /// <summary>FOR TESTS ONLY: requests without a token are let in as system:anonymous in system:masters (GitOps:Auth:AllowAnonymous).</summary>
    public const string InsecureAllowAnonymous = "--insecure-allow-anonymous";

    public static string[] ToConfiguration(string[] args) =>
        args.Select(a => a == InsecureAllowAnonymous ? "--GitOps:Auth:AllowAnonymous=true" : a).ToArray();
}
