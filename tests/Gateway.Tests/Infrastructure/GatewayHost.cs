using System.Net;
using System.Security.Cryptography.X509Certificates;
using GitOps.Gateway.GitOpsApi;
using GitOps.Gateway.Hosting;
using GitOps.GitSync;
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
    private readonly X509Certificate2? _certificate;

    private GatewayHost(WebApplication app, Uri address, string? connectionString, X509Certificate2? certificate)
    {
        _app = app;
        Address = address;
        ConnectionString = connectionString;
        _certificate = certificate;
        Client = CreateClient();
    }

    /// <summary>A new client of this gateway (trusting its certificate when it serves HTTPS); the caller disposes it.</summary>
    public HttpClient CreateClient()
    {
        var handler = new HttpClientHandler();
        if (_certificate is { } certificate)
            handler.ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint;
        return new HttpClient(handler) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    /// <summary>The database this gateway's silo uses (null on the memory store): another host started on it joins the same cluster.</summary>
    public string? ConnectionString { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public IResourceStore Store => Services.GetRequiredService<IResourceStore>();

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public static async Task<GatewayHost> StartAsync(
        Action<IServiceCollection>? configureServices = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        bool memoryStore = false,
        string? connectionString = null,
        bool gitOpsApi = false,
        bool https = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddFilter(_ => false);
        var certificate = https ? SelfSignedCertificate.Create() : null;
        if (certificate is not null)
            builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
                listen.UseHttps(certificate);
        }));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:BookmarkIntervalSeconds"] = "1",
            [AnonymousAccess.Setting] = "true",
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        connectionString = memoryStore ? null : connectionString ?? await PostgresServer.CreateDatabaseAsync("gateway");
        builder.AddStoreAndGrainRuntime(connectionString, TestCluster.UseFreePorts);
        builder.Services.AddGateway(builder.Configuration);
        if (gitOpsApi)
            builder.Services.AddGitSync(builder.Configuration);
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapGateway();
        if (gitOpsApi)
            app.MapGitOpsApi();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A start refused by the settings' validation leaves nothing running behind the test.
            await app.DisposeAsync();
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var host = new GatewayHost(app, new Uri(address), connectionString, certificate);
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
