using System.Reflection;
using GitOps.Runtime.State;
using Microsoft.Extensions.DependencyInjection;

namespace GitOps.Runtime.References;

/// <summary>
/// A grain class: its storage type name, the persistent-state parameters of its constructor and
/// a factory compiled once (DI services plus the state objects).
/// </summary>
internal sealed class GrainClassInfo
{
    private readonly Lazy<ObjectFactory> _factory;

    public GrainClassInfo(Type classType)
    {
        ClassType = classType;
        TypeName = classType.FullName ?? classType.Name;
        IsRemindable = typeof(IRemindable).IsAssignableFrom(classType);
        var constructors = classType.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
        if (constructors.Length != 1)
            throw new InvalidOperationException(
                $"Grain class {classType.FullName} must have exactly one public constructor (it has {constructors.Length}).");
        States = constructors[0].GetParameters()
            .Select(p => (Parameter: p, Attribute: p.GetCustomAttribute<PersistentStateAttribute>()))
            .Where(p => p.Attribute is not null)
            .Select(p => StateParameter.Create(classType, p.Parameter, p.Attribute!))
            .ToArray();
        _factory = new Lazy<ObjectFactory>(() => ActivatorUtilities.CreateFactory(classType, States.Select(s => s.ParameterType).ToArray()));
    }

    public Type ClassType { get; }

    public string TypeName { get; }

    public bool IsRemindable { get; }

    public IReadOnlyList<StateParameter> States { get; }

    public Grain Create(IServiceProvider services, object[] states) => (Grain)_factory.Value(services, states);
}
