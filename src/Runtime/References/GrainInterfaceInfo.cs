using System.Reflection;

namespace GitOps.Runtime.References;

/// <summary>A grain interface with its implementation class and its prepared methods.</summary>
internal sealed class GrainInterfaceInfo
{
    private readonly Dictionary<MethodInfo, GrainMethod> _methods;

    public GrainInterfaceInfo(Type interfaceType, GrainClassInfo grainClass)
    {
        InterfaceType = interfaceType;
        Class = grainClass;
        _methods = new[] { interfaceType }.Concat(interfaceType.GetInterfaces())
            .SelectMany(i => i.GetMethods())
            .Distinct()
            .ToDictionary(m => m, m => GrainMethod.Create(m.DeclaringType!, m));
    }

    public Type InterfaceType { get; }

    public GrainClassInfo Class { get; }

    public GrainMethod GetMethod(MethodInfo method) =>
        _methods.TryGetValue(method, out var prepared)
            ? prepared
            : throw new InvalidOperationException($"{method.DeclaringType?.FullName}.{method.Name} is not a method of grain interface {InterfaceType.FullName}.");
}
