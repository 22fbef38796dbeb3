using GitOps.GitSync.Grains;
using GitOps.GitSync.Logging;
using GitOps.GitSync.Sources;
using Orleans;
using Orleans.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOps.GitSync.Hosting;

/// <summary>
/// At start-up: loads the sources added through the API, stops those removed from configuration
/// since the last start, and (re)defines every source on its grain, which registers its poll
/// reminder and syncs. Retries while the grain runtime is still starting.
/// </summary>
internal sealed class SourceBootstrapper(SourceCatalog catalog, IGrainFactory grains, ILogger<SourceBootstrapper> logger) : BackgroundService
{
    private const int MaxAttempts = 30;
    private bool _catalogLoaded;

    /// <summary>
    /// Loads the API-added sources before the host serves requests, so the API lists them at once
    /// (the grain runtime's hosted service, registered first, has started by now). If that fails,
    /// loading is retried in the background with the rest.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await LoadCatalogAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.SourceStartFailed(logger, "*", $"{exception.Message} (retrying in the background)");
        }
        await base.StartAsync(cancellationToken);
    }

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
        if (!_catalogLoaded)
            await LoadCatalogAsync(cancellationToken);
        var registry = grains.GetGrain<ISourceRegistryGrain>(ISourceRegistryGrain.Key);
        var configured = catalog.Configured.Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
        foreach (var dropped in await registry.ReplaceConfigurationNamesAsync(configured, cancellationToken))
        {
            if (catalog.Find(dropped) is null)
                await grains.GetGrain<IGitSourceGrain>(dropped).RemoveAsync(cancellationToken);
        }
        foreach (var spec in catalog.All())
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

    private async Task LoadCatalogAsync(CancellationToken cancellationToken)
    {
        var registry = grains.GetGrain<ISourceRegistryGrain>(ISourceRegistryGrain.Key);
        foreach (var spec in await registry.GetApiSourcesAsync(cancellationToken))
            catalog.Add(spec);
        _catalogLoaded = true;
    }
}
