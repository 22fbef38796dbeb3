using GitOps.Runtime.Placement;
using GitOps.Runtime.References;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GitOps.Runtime;

public static class GrainRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the grain runtime: <see cref="IGrainFactory"/> and <see cref="GrainRuntime"/> singletons,
    /// options validated at start, and a hosted service that starts and stops the runtime.
    /// Storage defaults to memory; call <see cref="GrainRuntimeBuilder.UsePostgreSqlStorage"/> for PostgreSQL.
    /// </summary>
    public static IServiceCollection AddGrainRuntime(this IServiceCollection services, Action<GrainRuntimeBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new GrainRuntimeBuilder(services);
        configure(builder);
        if (!builder.StorageConfigured)
            builder.UseMemoryStorage();

        services.AddLogging();
        services.AddOptions<GrainRuntimeOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrainRuntimeOptions>, GrainRuntimeOptionsValidator>());
        services.TryAddSingleton<IGrainPlacement, SingleSiloPlacement>();
        services.TryAddSingleton<IRemoteGrainInvoker, NoRemoteGrainInvoker>();
        var assemblies = builder.Assemblies.ToArray();
        services.AddSingleton(sp => new GrainRuntime(sp, new GrainTypeRegistry(assemblies)));
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.AddHostedService<GrainRuntimeHostedService>();
        return services;
    }
}
