using GitOps.TestSupport;

namespace GitOps.EndToEnd.Tests.Harness;

/// <summary>
/// What a user has after cloning this repository and running <c>dotnet run --project src/Silo</c> in
/// it: a Git checkout holding <c>manifests-example/</c> (a private copy, so tests can commit to it) and
/// the embedded default silo started in that checkout, which syncs the example by itself.
/// </summary>
public sealed class ExampleSilo : IAsyncLifetime
{
    public const string FirstSubject = "Add the example";
    public const string Author = "End To End";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(1);

    private GitRepository? _repository;
    private SiloProcess? _silo;

    public GitRepository Repository => _repository ?? throw NotStarted();

    public SiloProcess Silo => _silo ?? throw NotStarted();

    public string FirstCommit { get; private set; } = "";

    public Uri DashboardUrl => new(Silo.Client.Server, "/dashboard");

    /// <summary>The example's files as this repository holds them: path below the repository root → content.</summary>
    public static IReadOnlyDictionary<string, string> ExampleFiles()
    {
        var folder = Path.Combine(RepositoryRoot.Path, "manifests-example");
        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(RepositoryRoot.Path, f).Replace('\\', '/'), File.ReadAllText);
    }

    public async Task InitializeAsync()
    {
        using var cancellation = new CancellationTokenSource(StartTimeout);
        _repository = await GitRepository.CreateAsync(cancellation.Token);
        // A body below the subject: the dashboard shows the subject only.
        FirstCommit = await _repository.CommitAsync($"{FirstSubject}\n\nThe whole manifests-example folder, with a body that must not fill the source's row.",
            ExampleFiles(), cancellation.Token);
        _silo = SiloProcess.StartDefault("A", _repository.Path);
        await Eventually.HoldsAsync("the silo to be ready",
            async ct => (await _silo.Client.IsReadyAsync(ct), "/readyz not 200"), StartTimeout, _silo.Process);
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
            await _silo.DisposeAsync();
        _repository?.Dispose();
    }

    private static InvalidOperationException NotStarted() => new("The example silo is used before InitializeAsync completed.");
}
