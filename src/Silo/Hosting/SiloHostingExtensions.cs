using GitOps.Gateway.GitOpsApi;
using GitOps.Gateway.Hosting;
using GitOps.GitSync;
using GitOps.Grains.Controllers;
using GitOps.Grains.Hosting;
using GitOps.NodeAgent.Simulated;
using GitOps.Silo.Access;
using GitOps.Silo.Example;
using GitOps.Store;
using GitOps.Store.Compaction;
using Microsoft.AspNetCore.Hosting.Server;
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

        services.AddSingleton(SiloAccess.Prepare(builder, options));
        services.AddSingleton(ChooseExample(builder, options));
        services.AddHostedService<StartupBanner>();

        services.AddControllers(configuration);
        services.AddGitSync(configuration);
        if (usePostgreSql)
            services.AddLegacySourceImport(connectionString);
        services.AddGateway(configuration);

        if (options.SimulatedNodes > 0)
        {
            var nodeNames = new SimulatedFleetOptions { NodeCount = options.SimulatedNodes }.NodeTemplates().Select(n => n.Name);
            var credentials = InProcessNodeTokens.Register(services, nodeNames);
            services.AddSimulatedFleet(fleet =>
            {
                fleet.NodeCount = options.SimulatedNodes;
                fleet.Credentials = credentials;
            }, OwnAddress);
        }
        return builder;
    }

    public static WebApplication MapGitOpsSilo(this WebApplication app)
    {
        app.MapGateway();
        app.MapGitOpsApi();
        return app;
    }

    // With no source configured, the example runs: its settings join the configuration before GitSync binds it.
    private static ExampleChoice ChooseExample(WebApplicationBuilder builder, SiloOptions options)
    {
        if (!options.Example.Enabled || builder.Configuration.GetSection("GitOps:Sources").GetChildren().Any())
            return new ExampleChoice(null, null);
        var (source, problem) = ExampleLocator.Locate([Directory.GetCurrentDirectory(), builder.Environment.ContentRootPath]);
        if (source is not null)
            builder.Configuration.AddInMemoryCollection(source.Settings());
        return new ExampleChoice(source, problem);
    }

    // The in-process fleet talks to this silo's own gateway, at whatever address it bound.
    private static Uri OwnAddress(IServiceProvider services) => OwnHttpAddress.Of(services.GetRequiredService<IServer>());
}
