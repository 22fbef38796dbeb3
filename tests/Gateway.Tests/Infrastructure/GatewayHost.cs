using System.Net;
using GitOps.Gateway.Hosting;
using GitOps.Grains.Resources;
using GitOps.Grains.Hosting;
using Orleans;
using GitOps.Store;
using GitOps.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitOps.Gateway.Tests.Infrastructure;

/// <summary>
/// A gateway composed as the silo composes it (grain runtime with the resource grains, resource
/// store, gateway) on a fresh PostgreSQL database (or the embedded Memory providers, the silo's
/// default), listening on 127.0.0.1 on a free port.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, Uri address, string? connectionString)
    {
        _app = app;
        Address = address;
        ConnectionString = connectionString;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    /// <summary>The host's PostgreSQL database; null on the Memory providers.</summary>
    public string? ConnectionString { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public IResourceStore Store => Services.GetRequiredService<IResourceStore>();

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public static async Task<GatewayHost> StartAsync(
        Action<IServiceCollection>? configureServices = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        bool memoryStore = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddFilter(_ => false);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:BookmarkIntervalSeconds"] = "1",
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        var connectionString = memoryStore ? null : await PostgresServer.CreateDatabaseAsync("gateway");
        builder.AddStoreAndGrainRuntime(connectionString, TestCluster.UseFreePorts);
        builder.Services.AddGateway(builder.Configuration);
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapGateway();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var host = new GatewayHost(app, new Uri(address), connectionString);
        await host.WaitUntilReadyAsync();
        return host;
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await Client.GetAsync("/readyz");
            if (response.IsSuccessStatusCode)
                return;
            last = await response.Content.ReadAsStringAsync();
            await Task.Delay(50);
        }
        throw new TimeoutException($"The gateway did not become ready within 30 s: {last}");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
