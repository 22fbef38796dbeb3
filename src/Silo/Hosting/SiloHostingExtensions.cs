using GitOps.Gateway.GitOpsApi;
using GitOps.Gateway.Hosting;
using GitOps.GitSync;
using GitOps.Grains.Controllers;
using GitOps.Grains.Hosting;
using GitOps.NodeAgent.Simulated;
using GitOps.Store;
using GitOps.Store.Compaction;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace GitOps.Silo.Hosting;

/// <summary>Composes the components of DESIGN.md into one process.</summary>
public static class SiloHostingExtensions
{
    public static WebApplicationBuilder AddGitOpsSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        var section = configuration.GetSection(SiloOptions.SectionName);
        var options = section.Get<SiloOptions>() ?? new SiloOptions();
        services.AddOptions<SiloOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>();

        // An empty connection string with PostgreSql chosen is reported by SiloOptionsValidator at start.
        var connectionString = configuration.GetConnectionString(SiloOptions.ConnectionStringName) ?? "";
        var usePostgreSql = options.Storage.Provider == StorageProvider.PostgreSql && connectionString.Length > 0;

        builder.AddStoreAndGrainRuntime(usePostgreSql ? connectionString : null);
        services.Configure<ResourceLogCompactionOptions>(configuration.GetSection(ResourceLogCompactionOptions.SectionName));

        services.AddControllers(configuration);
        services.AddGitSync(configuration);
        if (usePostgreSql)
            services.AddLegacySourceImport(connectionString);
        services.AddGateway(configuration);

        if (options.SimulatedNodes > 0)
            services.AddSimulatedFleet(fleet => fleet.NodeCount = options.SimulatedNodes, OwnAddress);
        return builder;
    }

    public static WebApplication MapGitOpsSilo(this WebApplication app)
    {
        app.MapGateway();
        app.MapGitOpsApi();
        return app;
    }

    // The in-process fleet talks to this silo's own gateway, at whatever address it bound.
    private static Uri OwnAddress(IServiceProvider services)
    {
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("The silo has no HTTP address for its simulated nodes to call.");
        return new Uri(address.Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://127.0.0.1").Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1"));
    }
}
