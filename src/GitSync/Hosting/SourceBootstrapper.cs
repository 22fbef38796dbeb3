using GitOps.GitSync.Grains;
using GitOps.GitSync.Logging;
using GitOps.GitSync.Sources;
using Orleans;
using Orleans.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOps.GitSync.Hosting;

/// <summary>
/// At start-up: stops the sources removed from configuration since the last start, and (re)defines
/// every source on its grain, which registers its poll reminder and syncs. Every silo does this;
/// defining a source again with the same settings changes nothing. Retries while the grain runtime
/// is still starting.
/// </summary>
internal sealed class SourceBootstrapper(SourceCatalog catalog, IGrainFactory grains, ILogger<SourceBootstrapper> logger) : BackgroundService
{
    private const int MaxAttempts = 30;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts && !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await StartSourcesAsync(stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (attempt < MaxAttempts)
            {
                Log.SourceStartFailed(logger, "*", $"{exception.Message} (attempt {attempt} of {MaxAttempts}; retrying)");
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), stoppingToken);
            }
        }
    }

    private async Task StartSourcesAsync(CancellationToken cancellationToken)
    {
        var registry = grains.GetGrain<ISourceRegistryGrain>(ISourceRegistryGrain.Key);
        var configured = catalog.Configured.Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
        foreach (var dropped in await registry.ReplaceConfigurationNamesAsync(configured, cancellationToken))
        {
            if (await catalog.FindAsync(dropped, cancellationToken) is null)
                await grains.GetGrain<IGitSourceGrain>(dropped).RemoveAsync(cancellationToken);
        }
        foreach (var spec in await catalog.AllAsync(cancellationToken))
        {
            try
            {
                await grains.GetGrain<IGitSourceGrain>(spec.Name).ConfigureAsync(spec, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.SourceStartFailed(logger, spec.Name, exception.Message);
            }
        }
    }
}
