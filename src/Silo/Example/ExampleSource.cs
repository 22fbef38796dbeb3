namespace GitOps.Silo.Example;

/// <summary>
/// Where the example source syncs from: <see cref="Url"/> at <see cref="Branch"/>, folder
/// <see cref="ExampleLocator.FolderName"/>. <see cref="Checkout"/> is the working tree a user edits
/// and commits in; <see cref="IsThrowAway"/> when the silo made it from a folder outside any Git checkout.
/// </summary>
public sealed record ExampleSource(string Url, string Branch, string Checkout, bool IsThrowAway)
{
    public const string Name = "example";

    /// <summary>Seconds between polls: short, so a commit shows within the tour's patience.</summary>
    public const string PollInterval = "10s";

    /// <summary>The settings that define the source, as if written under <c>GitOps:Sources:0</c>.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        const string prefix = "GitOps:Sources:0:";
        yield return new(prefix + "Name", Name);
        yield return new(prefix + "Url", Url);
        yield return new(prefix + "Branch", Branch);
        yield return new(prefix + "Paths:0", ExampleLocator.FolderName);
        yield return new(prefix + "PollInterval", PollInterval);
    }
}
