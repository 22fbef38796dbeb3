using System.Reflection;
using GitOps.Runtime.Storage;
using GitOps.Runtime.Storage.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GitOps.Runtime;

/// <summary>Configures the grain runtime inside <see cref="GrainRuntimeServiceCollectionExtensions.AddGrainRuntime"/>.</summary>
public sealed partial class GrainRuntimeBuilder
{
    private readonly List<Assembly> _assemblies = [];

    internal GrainRuntimeBuilder(IServiceCollection services) => Services = services;

    public IServiceCollection Services { get; }

    internal IReadOnlyList<Assembly> Assemblies => _assemblies;

    internal bool StorageConfigured { get; private set; }

    /// <summary>Registers the grain interfaces and classes of an assembly.</summary>
    public GrainRuntimeBuilder AddGrainsFrom(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        if (!_assemblies.Contains(assembly))
            _assemblies.Add(assembly);
        return this;
    }

    public GrainRuntimeBuilder Configure(Action<GrainRuntimeOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    /// <summary>Grain state and reminders in process memory (the default when no storage is chosen).</summary>
    public GrainRuntimeBuilder UseMemoryStorage()
    {
        StorageConfigured = true;
        Services.RemoveAll<IGrainStorage>();
        Services.RemoveAll<IReminderTable>();
        Services.AddSingleton<IGrainStorage, MemoryGrainStorage>();
        Services.AddSingleton<IReminderTable, MemoryReminderTable>();
        return this;
    }
}
