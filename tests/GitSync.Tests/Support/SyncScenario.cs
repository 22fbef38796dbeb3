namespace GitOps.GitSync.Tests.Support;

/// <summary>One test's world: a Git repository, a fresh PostgreSQL database, a mirror cache and a silo syncing source "apps".</summary>
public sealed class SyncScenario : IAsyncDisposable
{
    public const string SourceName = "apps";

    private SyncScenario(TestRepository repository, TempDirectory cache, string connectionString)
    {
        Repository = repository;
        Cache = cache;
        ConnectionString = connectionString;
    }

    public TestRepository Repository { get; }

    public TempDirectory Cache { get; }

    public string ConnectionString { get; }

    public GitSyncHost Host { get; private set; } = null!;

    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>
    /// Creates the repository; <paramref name="seed"/> writes the first commit before the silo starts.
    /// <paramref name="paths"/> are the source's Paths (none: the whole repository); <paramref name="settings"/> more GitOps settings.
    /// <paramref name="memoryStore"/> runs the silo on the memory store instead of a fresh PostgreSQL database.
    /// </summary>
    public static async Task<SyncScenario> CreateAsync(
        Action<TestRepository> seed, bool prune = true, bool selfHeal = true, string? webhookSecret = null, IReadOnlyList<string>? paths = null,
        IReadOnlyDictionary<string, string?>? settings = null, bool memoryStore = false)
    {
        var repository = TestRepository.Create();
        seed(repository);
        repository.Commit("initial manifests");
        var scenario = new SyncScenario(repository, new TempDirectory(), memoryStore ? "" : await GitSyncHost.CreateDatabaseAsync());
        scenario.Settings["GitOps:Sources:0:Name"] = SourceName;
        scenario.Settings["GitOps:Sources:0:Url"] = repository.Url;
        scenario.Settings["GitOps:Sources:0:Branch"] = "main";
        scenario.Settings["GitOps:Sources:0:PollInterval"] = "1h";
        scenario.Settings["GitOps:Sources:0:Prune"] = prune.ToString();
        scenario.Settings["GitOps:Sources:0:SelfHeal"] = selfHeal.ToString();
        for (var i = 0; i < (paths?.Count ?? 0); i++)
            scenario.Settings[$"GitOps:Sources:0:Paths:{i}"] = paths![i];
        if (webhookSecret is not null)
            scenario.Settings["GitOps:WebhookSecret"] = webhookSecret;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            scenario.Settings[key] = value;
        await scenario.StartAsync();
        return scenario;
    }

    public async Task StartAsync() => Host = await GitSyncHost.StartAsync(ConnectionString, Cache.Path, Settings);

    /// <summary>Stops the silo and starts a new one on the same database and mirror cache.</summary>
    public async Task RestartAsync()
    {
        await Host.DisposeAsync();
        await StartAsync();
    }

    /// <summary>Commits, triggers a sync and waits for it.</summary>
    public async Task<GitSync.Grains.SourceStatus> CommitAndSyncAsync(string message, Action<TestRepository> change)
    {
        change(Repository);
        Repository.Commit(message);
        return await Host.SyncAsync(SourceName);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Repository.Dispose();
        Cache.Dispose();
    }
}
