using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GitOps.Grains.Informers;

public static class InformerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the silo's shared informers: the <see cref="SharedInformerFactory"/> and its one change-log follower,
    /// options bound from <c>GitOps:Informers</c> (validated at start-up). Safe to call from every component
    /// that uses them (controllers, gateway, GitSync): the second call adds nothing. Needs an <c>IResourceStore</c>.
    /// </summary>
    public static IServiceCollection AddSharedInformers(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(SharedInformerFactory)))
            return services;
        services.AddOptions<InformerOptions>()
            .Bind(configuration.GetSection(InformerOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InformerOptions>, InformerOptionsValidator>());
        services.AddSingleton<SharedInformerFactory>();
        services.AddSingleton<IHostedService, ChangeLogFollower>();
        return services;
    }
}
