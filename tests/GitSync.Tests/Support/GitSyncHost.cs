using System.Net.Http.Json;
using GitOps.Gateway.GitOpsApi;
using GitOps.GitSync.Api;
using GitOps.GitSync.Grains;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;
using GitOps.Grains.Hosting;
using Orleans;
using GitOps.Store.Migrations;
using GitOps.Store;
using GitOps.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GitOps.GitSync.Tests.Support;

/// <summary>
/// A silo for tests: the real grain runtime and resource store on PostgreSQL, the resource grains,
/// GitSync and the GitOps API, served on 127.0.0.1 on a free port.
/// </summary>
public sealed class GitSyncHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GitSyncHost(WebApplication app, string connectionString)
    {
        _app = app;
        ConnectionString = connectionString;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string ConnectionString { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public IResourceStore Store => Services.GetRequiredService<IResourceStore>();

    public SourceManager Sources => Services.GetRequiredService<SourceManager>();

    public static async Task<string> CreateDatabaseAsync()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("gitsync");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        // Migrated here so tests can write to the store before the first silo starts.
        await new PostgreSqlMigrator(dataSource, NullLogger<PostgreSqlMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return connectionString;
    }

    /// <summary>
    /// Starts a silo on the database with GitOps settings (keys below "GitOps:"); the mirror cache is private to the test.
    /// An empty connection string starts it on the memory store and Orleans' embedded defaults instead.
    /// </summary>
    public static async Task<GitSyncHost> StartAsync(string connectionString, string cacheDirectory, IDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["GitOps:CacheDirectory"] = cacheDirectory });
        builder.AddStoreAndGrainRuntime(connectionString, TestCluster.UseFreePorts);
        builder.Services.AddProblemDetails();
        builder.Services.AddGitSync(builder.Configuration);
        if (connectionString.Length > 0)
            builder.Services.AddLegacySourceImport(connectionString);
        var app = builder.Build();
        app.MapGitOpsApi();
        await app.StartAsync();
        return new GitSyncHost(app, connectionString);
    }

    public IGitSourceGrain Source(string name) => Grains.GetGrain<IGitSourceGrain>(name);

    public Task<KubeObject?> GetAsync(string group, string kind, string ns, string name) =>
        Store.GetAsync(new ResourceKey(group, kind, ns, name), CancellationToken.None);

    /// <summary>Waits until the source has finished run <paramref name="run"/> (or later) and is idle.</summary>
    public async Task<SourceStatus> WaitForRunAsync(string name, long run, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        SyncProgress? progress = null;
        while (DateTime.UtcNow < deadline)
        {
            progress = await Source(name).GetProgressAsync(CancellationToken.None);
            if (!progress.Syncing && progress.LastRunNumber >= run)
                return (await Source(name).GetStatusAsync(CancellationToken.None))!;
            await Task.Delay(50);
        }
        throw new TimeoutException($"Source '{name}' did not finish run {run}; last progress: phase {progress?.Phase}, last run {progress?.LastRunNumber}.");
    }

    /// <summary>Triggers a sync and waits for the run it started or queued.</summary>
    public async Task<SourceStatus> SyncAsync(string name)
    {
        var triggered = await Source(name).TriggerSyncAsync("test", CancellationToken.None);
        return await WaitForRunAsync(name, triggered.RunNumber);
    }

    public async Task<T> GetJsonAsync<T>(string path) =>
        (await Client.GetFromJsonAsync<T>(path, StatusJson.Options))!;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
