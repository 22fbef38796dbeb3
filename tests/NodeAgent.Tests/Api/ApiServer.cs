using System.Net;
using GitOps.Gateway.Hosting;
using GitOps.Grains.Resources;
using GitOps.NodeAgent.Client;
using GitOps.Grains.Hosting;
using GitOps.TestSupport;
using GitOps.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.NodeAgent.Tests.Api;

/// <summary>
/// The real API server for agent tests: the gateway composed as the silo composes it (grain
/// runtime with the resource grains, resource store, gateway) on the embedded Memory providers,
/// listening on 127.0.0.1 on a free port. No controllers run, so pods stay where the test binds them.
/// </summary>
internal sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiServer(WebApplication app, Uri address, string? clientToken)
    {
        _app = app;
        Address = address;
        Client = new KubeClient(
            new KubeClientOptions { Server = address, Credentials = new AgentCredentials(clientToken, new Dictionary<string, string>()) },
            NullLogger<KubeClient>.Instance);
    }

    public Uri Address { get; }

    public IResourceStore Store => _app.Services.GetRequiredService<IResourceStore>();

    /// <summary>A client for the test's own reads and writes.</summary>
    public KubeClient Client { get; }

    /// <param name="intercept">Middleware run before the gateway, for tests that hold back or observe requests.</param>
    /// <param name="clientToken">The bearer token <see cref="Client"/> sends, for servers whose settings turn anonymous calls off.</param>
    public static async Task<ApiServer> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, Func<HttpContext, Func<Task>, Task>? intercept = null, string? clientToken = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:BookmarkIntervalSeconds"] = "1",
            [AnonymousAccess.Setting] = "true",
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        builder.AddStoreAndGrainRuntime(null, TestCluster.UseFreePorts);
        builder.Services.AddGateway(builder.Configuration);
        var app = builder.Build();
        if (intercept is not null)
            app.Use((context, next) => intercept(context, () => next(context)));
        app.MapGateway();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ApiServer(app, new Uri(address), clientToken);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
