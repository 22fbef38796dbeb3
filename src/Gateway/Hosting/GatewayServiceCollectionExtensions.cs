using GitOps.Gateway.Auth;
using GitOps.Gateway.Auth.Hosting;
using GitOps.Gateway.Edge;
using GitOps.Gateway.Health;
using GitOps.Gateway.Metrics;
using GitOps.Gateway.Registry;
using GitOps.Gateway.Resources;
using GitOps.Gateway.Watch;
using GitOps.Grains.Informers;
using GitOps.Grains.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GitOps.Gateway.Hosting;

public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Adds the gateway: the resource registry, the watch cache (a hosted service that follows the
    /// change log), the read and write handlers, authorization (the Node and RBAC authorizers, see
    /// <see cref="AuthorizationServiceCollectionExtensions.AddGatewayAuthorization"/>), the metrics registry (<see cref="IMetrics"/>, for
    /// every component to record into), health checks for /readyz (which runs every registered check, so other components add theirs with services.AddHealthChecks().AddCheck(...)) and Swagger. Needs an
    /// <see cref="Store.IResourceStore"/> and the grain runtime (<see cref="Runtime.IGrainFactory"/>),
    /// whose resource grains do every write (validation and Git's guard included). Settings come from the
    /// <c>Gateway</c> section and are validated at start-up.
    /// </summary>
    public static IServiceCollection AddGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GatewayOptions>()
            .Bind(configuration.GetSection(GatewayOptions.SectionName))
            .PostConfigure(o => o.AdvertisedAddress ??= configuration["GitOps:Cluster:AdvertisedAddress"])
            .ValidateOnStart();
        services.TryAddSingleton<AllowedHosts>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());

        services.AddGatewayAuthentication(configuration);
        services.TryAddSingleton<PrometheusMetrics>();
        services.TryAddSingleton<IMetrics>(sp => sp.GetRequiredService<PrometheusMetrics>());
        services.TryAddSingleton<GatewayMetrics>();
        services.TryAddSingleton<ResourceRegistry>();
        services.AddSharedInformers(configuration);
        services.AddGatewayAuthorization();
        services.TryAddSingleton<WatchCache>();
        services.AddSingleton<IChangeStreamHandler>(sp => sp.GetRequiredService<WatchCache>());
        services.TryAddSingleton<WatchStream>();
        services.TryAddSingleton<ResourceReader>();
        services.TryAddSingleton<ServerSideApply>();
        services.TryAddSingleton<ResourceWriter>();
        services.TryAddSingleton<ScaleSubresource>();

        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("resource-store")
            .AddCheck<GrainRuntimeHealthCheck>("grain-runtime")
            .AddCheck<WatchCacheHealthCheck>("watch-cache");

        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(swagger => swagger.SwaggerDoc("v1", new Microsoft.OpenApi.OpenApiInfo
        {
            Title = "GitOps gateway",
            Version = "v1",
            Description = "The Kubernetes-compatible resource API (kubectl works against it), discovery, the GitOps API, health and metrics.",
        }));
        return services;
    }
}
