using GitOps.Grains.Resources;
using GitOps.Runtime;
using GitOps.Store;
using Microsoft.Extensions.Options;

namespace GitOps.Silo.Hosting;

/// <summary>Composes the components of DESIGN.md into one process.</summary>
public static class SiloHostingExtensions
{
    public static WebApplicationBuilder AddGitOpsSilo(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SiloOptions.SectionName);
        var options = section.Get<SiloOptions>() ?? new SiloOptions();
        builder.Services.AddOptions<SiloOptions>().Bind(section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>();

        var connectionString = builder.Configuration.GetConnectionString(SiloOptions.ConnectionStringName) ?? "";
        var usePostgreSql = options.Storage.Provider == StorageProvider.PostgreSql && connectionString.Length > 0;

        builder.Services.AddGrainRuntime(runtime =>
        {
            runtime.AddGrainsFrom(typeof(IResourceGrain).Assembly);
            runtime.Configure(o => builder.Configuration.GetSection("GitOps:Runtime").Bind(o));
            if (usePostgreSql)
                runtime.UsePostgreSqlStorage(connectionString);
            else
                runtime.UseMemoryStorage();
        });
        if (usePostgreSql)
            builder.Services.AddPostgreSqlResourceStore(connectionString);
        else
            builder.Services.AddMemoryResourceStore();
        return builder;
    }

    public static WebApplication MapGitOpsSilo(this WebApplication app) => app;
}
