using GitOps.Runtime.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace GitOps.Runtime.Tests.Support;

/// <summary>Starts runtimes with this assembly's test grains and a shared probe.</summary>
public static class TestRuntime
{
    public static Task<GrainRuntimeHost> StartMemoryAsync(TestProbe probe, Action<GrainRuntimeOptions>? configure = null) =>
        StartAsync(probe, builder => builder.UseMemoryStorage(), configure);

    public static Task<GrainRuntimeHost> StartPostgreSqlAsync(TestProbe probe, string connectionString, Action<GrainRuntimeOptions>? configure = null) =>
        StartAsync(probe, builder => builder.UsePostgreSqlStorage(connectionString), configure);

    private static Task<GrainRuntimeHost> StartAsync(TestProbe probe, Action<GrainRuntimeBuilder> storage, Action<GrainRuntimeOptions>? configure) =>
        GrainRuntimeHost.StartAsync(
            builder =>
            {
                builder.AddGrainsFrom(typeof(TestGrain).Assembly);
                storage(builder);
                builder.Configure(options =>
                {
                    options.MinimumReminderPeriod = TimeSpan.FromMilliseconds(100);
                    options.ShutdownTimeout = TimeSpan.FromSeconds(10);
                    configure?.Invoke(options);
                });
            },
            services => services.AddSingleton(probe));
}
