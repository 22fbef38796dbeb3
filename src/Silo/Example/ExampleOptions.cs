namespace GitOps.Silo.Example;

/// <summary>
/// <c>GitOps:Example</c>: whether a silo with no configured source syncs the repository's
/// <c>manifests-example/</c> folder as the source <c>example</c>.
/// </summary>
public sealed class ExampleOptions
{
    /// <summary>On by default; any entry of <c>GitOps:Sources</c> turns the example off too.</summary>
    public bool Enabled { get; set; } = true;
}
