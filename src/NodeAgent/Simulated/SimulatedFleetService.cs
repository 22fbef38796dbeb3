using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOps.NodeAgent.Simulated;

/// <summary>
/// Hosts a <see cref="SimulatedFleet"/> inside another process (the silo's embedded default).
/// The fleet starts once the host has started, so the silo's HTTP endpoint already listens; its
/// addresses come from <see cref="SimulatedFleetOptions.Servers"/> or, when none is set, from the
/// resolver given at registration (e.g. the silo's own bound address).
/// </summary>
public sealed class SimulatedFleetService(
    SimulatedFleetOptions options,
    Func<Uri>? serverResolver,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILoggerFactory loggerFactory) : BackgroundService
{
    private readonly TaskCompletionSource<SimulatedFleet> _fleet = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The fleet, once started (for failure injection by tests and tools).</summary>
    public Task<SimulatedFleet> Fleet => _fleet.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);
        if (options.Servers.Count == 0)
        {
            options.Server = serverResolver?.Invoke()
                ?? throw new InvalidOperationException("The simulated fleet has no API server address: set SimulatedFleetOptions.Servers or pass a resolver to AddSimulatedFleet.");
        }
        await using var fleet = new SimulatedFleet(options, time, loggerFactory);
        await fleet.StartAsync(stoppingToken);
        _fleet.TrySetResult(fleet);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
