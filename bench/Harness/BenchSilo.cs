using GitOps.Grains.Hosting;
using GitOps.Store;
using GitOps.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace GitOps.Bench.Harness;

/// <summary>
/// One Orleans silo in this process, composed as the service composes it (<c>AddGrainRuntime</c>) on
/// free ports: memory providers and localhost clustering without a connection string, Orleans' ADO.NET
/// providers on PostgreSQL with one (the migrations run first, so the tables exist). Every silo on the
/// same database joins one cluster. Orleans finds the grains of this assembly and of the ones it references.
/// </summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
        Address = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
    }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains { get; }

    public SiloAddress Address { get; }

    public static async Task<BenchSilo> StartAsync(string? postgreSqlConnectionString, CancellationToken cancellationToken, Action<IServiceCollection>? configureServices = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        ConfigureLogging(builder.Logging);
        if (postgreSqlConnectionString is not null)
            builder.Services.AddPostgreSqlMigrations(postgreSqlConnectionString);
        configureServices?.Invoke(builder.Services);
        builder.AddGrainRuntime(postgreSqlConnectionString, TestCluster.UseFreePorts);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new BenchSilo(host);
    }

    /// <summary>Warnings and errors on the console, less the notes every silo prints at start.</summary>
    public static ILoggingBuilder ConfigureLogging(ILoggingBuilder logging) =>
        logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
            // Workstation GC (the figures in docs/benchmarks.md were taken with it): known at start, not a finding of a run.
            .AddFilter("Orleans.Runtime.Silo", LogLevel.Error);

    /// <summary>
    /// Waits until this silo counts <paramref name="silos"/> active silos in its membership and holds
    /// every one's grain manifest, so its placement may choose any of them.
    /// </summary>
    public async Task WaitForClusterAsync(int silos, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var management = Grains.GetGrain<IManagementGrain>(0);
        var manifests = Services.GetRequiredService<IClusterManifestProvider>();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var active = await management.GetHosts(onlyActive: true);
            if (active.Count >= silos && active.Keys.All(manifests.Current.Silos.ContainsKey))
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Silo {Address} saw {active.Count} of {silos} active silos ({manifests.Current.Silos.Count} manifests) after {timeout.TotalSeconds:0} s.");
            await Task.Delay(200, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _host.StopAsync(timeout.Token);
        if (_host is IAsyncDisposable asyncHost)
            await asyncHost.DisposeAsync();
        else
            _host.Dispose();
    }
}
