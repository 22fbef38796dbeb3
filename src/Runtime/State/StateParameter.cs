using System.Reflection;
using System.Text.Json;
using GitOps.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GitOps.Runtime.State;

/// <summary>A constructor parameter <c>[PersistentState("name")] IPersistentState&lt;T&gt;</c> of a grain class.</summary>
internal sealed record StateParameter(string StateName, string? StorageName, Type StateType, Type ParameterType)
{
    public static StateParameter Create(Type grainClass, ParameterInfo parameter, PersistentStateAttribute attribute)
    {
        var type = parameter.ParameterType;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            throw new InvalidOperationException(
                $"Parameter '{parameter.Name}' of grain class {grainClass.FullName} has [PersistentState] but is a {type.Name}; it must be IPersistentState<T>.");
        return new StateParameter(attribute.StateName, attribute.StorageName, type.GetGenericArguments()[0], type);
    }

    public IStateLoader CreateState(IServiceProvider services, GrainId grainId, JsonSerializerOptions serializerOptions)
    {
        var storage = StorageName is null
            ? services.GetRequiredService<IGrainStorage>()
            : services.GetRequiredKeyedService<IGrainStorage>(StorageName);
        var stateClass = typeof(PersistentState<>).MakeGenericType(StateType);
        return (IStateLoader)Activator.CreateInstance(stateClass, storage, grainId, StateName, serializerOptions)!;
    }
}
