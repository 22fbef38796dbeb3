using System.Reflection;
using GitOps.Runtime.Storage;

namespace GitOps.Runtime.Placement;

/// <summary>One call to forward: the grain, the interface method and its arguments.</summary>
public sealed record RemoteGrainCall(
    SiloAddress Target,
    GrainId GrainId,
    Type InterfaceType,
    MethodInfo Method,
    IReadOnlyList<object?> Arguments,
    bool OneWay);
