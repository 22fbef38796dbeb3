using GitOps.Grains.Controllers.GarbageCollection;
using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Grains.Controllers.Infrastructure.Events;
using GitOps.Grains.Controllers.Nodes;
using GitOps.Grains.Controllers.Scheduling;
using GitOps.Grains.Controllers.Workloads.DaemonSets;
using GitOps.Grains.Controllers.Workloads.Deployments;
using GitOps.Grains.Controllers.Workloads.Endpoints;
using GitOps.Grains.Controllers.Workloads.Jobs;
using GitOps.Grains.Controllers.Workloads.ReplicaSets;
using GitOps.Grains.Informers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GitOps.Grains.Controllers;

public static class ControllerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the controllers: options bound from <c>GitOps:Controllers</c> (validated at start-up), the
    /// event recorder, the shared informers, the change dispatcher, and each controller's <see cref="IControllerWatch"/>. The
    /// controller grains themselves live in this assembly, where Orleans finds them; the grain runtime
    /// (<c>AddGrainRuntime</c>) and an <c>IResourceStore</c> must be registered. Add a controller by
    /// registering its watch below.
    /// </summary>
    public static IServiceCollection AddControllers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ControllerOptions>()
            .Bind(configuration.GetSection(ControllerOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ControllerOptions>, ControllerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSharedInformers(configuration);

        services.TryAddSingleton<ControllerMetrics>();
        services.TryAddSingleton<EventRecorder>();
        services.TryAddSingleton<IEventRecorder>(sp => sp.GetRequiredService<EventRecorder>());
        services.AddHostedService(sp => sp.GetRequiredService<EventRecorder>());
        services.TryAddSingleton<EventExpiry>();
        services.AddHostedService(sp => sp.GetRequiredService<EventExpiry>());
        services.AddHostedService<ChangeDispatcher>();

        services.AddSingleton<IControllerWatch, SchedulerWatch>();
        services.AddSingleton<IControllerWatch, NodeLifecycleWatch>();
        services.AddSingleton<IControllerWatch, GarbageCollectorWatch>();
        services.AddSingleton<IControllerWatch, ReplicaSetWatch>();
        services.AddSingleton<IControllerWatch, DeploymentWatch>();
        services.AddSingleton<IControllerWatch, EndpointsWatch>();
        services.AddSingleton<IControllerWatch, JobWatch>();
        services.AddSingleton<IControllerWatch, DaemonSetWatch>();
        services.AddSingleton<IControllerWatch, Workloads.CronJobs.CronJobWatch>();
        return services;
    }
}
