using System.Collections.Concurrent;
using System.Reflection;

namespace GitOps.Runtime.References;

/// <summary>
/// Grain interfaces and their implementation classes, found by scanning the assemblies registered
/// with <see cref="GrainRuntimeBuilder.AddGrainsFrom"/>.
/// </summary>
internal sealed class GrainTypeRegistry
{
    private readonly Dictionary<Type, GrainClassInfo> _classByInterface = new();
    private readonly Dictionary<string, GrainClassInfo> _classByTypeName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(Type Interface, GrainClassInfo Class), GrainInterfaceInfo> _interfaces = new();
    private readonly List<string> _assemblies = new();

    public GrainTypeRegistry(IEnumerable<Assembly> assemblies)
    {
        var ambiguous = new Dictionary<Type, List<Type>>();
        foreach (var assembly in assemblies.Distinct())
        {
            _assemblies.Add(assembly.GetName().Name ?? assembly.FullName ?? "?");
            foreach (var type in LoadableTypes(assembly))
            {
                if (!type.IsClass || type.IsAbstract || type.IsGenericTypeDefinition || !typeof(Grain).IsAssignableFrom(type))
                    continue;
                var info = new GrainClassInfo(type);
                _classByTypeName[info.TypeName] = info;
                foreach (var grainInterface in type.GetInterfaces().Where(IsApplicationGrainInterface))
                {
                    if (_classByInterface.TryAdd(grainInterface, info))
                        continue;
                    if (!ambiguous.TryGetValue(grainInterface, out var classes))
                        ambiguous[grainInterface] = classes = [_classByInterface[grainInterface].ClassType];
                    classes.Add(type);
                }
            }
        }
        if (ambiguous.Count > 0)
        {
            var first = ambiguous.First();
            throw new InvalidOperationException(
                $"Grain interface {first.Key.FullName} is implemented by several grain classes ({string.Join(", ", first.Value.Select(t => t.FullName))}); " +
                "each grain interface must have exactly one implementation.");
        }
    }

    public GrainInterfaceInfo GetInterface(Type interfaceType)
    {
        if (!_classByInterface.TryGetValue(interfaceType, out var grainClass))
            throw new InvalidOperationException(
                $"No grain class implements {interfaceType.FullName}. Register the assembly that holds it with " +
                $"builder.AddGrainsFrom(...) (registered: {string.Join(", ", _assemblies.DefaultIfEmpty("none"))}).");
        return GetInterface(interfaceType, grainClass);
    }

    public GrainInterfaceInfo GetInterface(Type interfaceType, GrainClassInfo grainClass) =>
        _interfaces.GetOrAdd((interfaceType, grainClass), static key => new GrainInterfaceInfo(key.Interface, key.Class));

    public GrainClassInfo GetClass(string typeName) =>
        _classByTypeName.TryGetValue(typeName, out var grainClass)
            ? grainClass
            : throw new InvalidOperationException(
                $"No registered grain class is named {typeName}. Register its assembly with builder.AddGrainsFrom(...).");

    public bool TryGetClass(string typeName, out GrainClassInfo grainClass) =>
        _classByTypeName.TryGetValue(typeName, out grainClass!);

    private static bool IsApplicationGrainInterface(Type type) =>
        typeof(IGrain).IsAssignableFrom(type) && type != typeof(IGrain) && type != typeof(IGrainWithStringKey) && type != typeof(IRemindable);

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.Where(t => t is not null)!;
        }
    }
}
