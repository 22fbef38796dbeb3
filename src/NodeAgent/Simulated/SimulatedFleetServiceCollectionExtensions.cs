using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOps.NodeAgent.Simulated;

public static class SimulatedFleetServiceCollectionExtensions
{
    /// <summary>
    /// Hosts a simulated fleet in this process. <paramref name="serverResolver"/> gives the API's base
    /// URL when <see cref="SimulatedFleetOptions.Servers"/> is empty; it is called after the host
    /// has started (so a silo can pass its own bound address). Settings are validated here, at start-up.
    /// The fleet reads the time from the host's <see cref="TimeProvider"/> (the system clock unless one is registered).
    /// </summary>
    public static IServiceCollection AddSimulatedFleet(
        this IServiceCollection services,
        Action<SimulatedFleetOptions> configure,
        Func<IServiceProvider, Uri>? serverResolver = null)
    {
        var options = new SimulatedFleetOptions();
        configure(options);
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid simulated fleet settings: " + string.Join(" ", errors), nameof(configure));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SimulatedFleetService(
            options,
            serverResolver is null ? null : () => serverResolver(sp),
            sp.GetRequiredService<IHostApplicationLifetime>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService(sp => sp.GetRequiredService<SimulatedFleetService>());
        return services;
    }
}
