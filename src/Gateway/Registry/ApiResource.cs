using GitOps.Model.Objects;
using GitOps.Model.Registry;

namespace GitOps.Gateway.Registry;

/// <summary>
/// One kind as the API serves it: its <see cref="KindDefinition"/> from the kind registry (a
/// built-in kind, or a custom resource learned from a stored object) and the verbs the gateway
/// serves for it.
/// </summary>
public sealed record ApiResource(KindDefinition Definition)
{
    /// <summary>The verbs served for the kind (all of them, unless it is a review the API only answers).</summary>
    public IReadOnlyList<string> Verbs => Definition.Verbs;

    /// <summary>The verbs of the status and scale subresources.</summary>
    public static IReadOnlyList<string> StatusVerbs { get; } = ["get", "patch", "update"];

    public string Group => Definition.Group;

    public string Version => Definition.Version;

    public string Kind => Definition.Kind;

    public string Plural => Definition.Plural;

    public bool Namespaced => Definition.Namespaced;

    public IReadOnlyList<string> ShortNames => Definition.ShortNames;

    public IReadOnlyList<string> Categories => Definition.Categories;

    public bool HasStatus => Definition.HasStatus;

    /// <summary>Whether the kind has the <c>scale</c> subresource (autoscaling/v1 Scale over spec.replicas).</summary>
    public bool HasScale => Definition.HasScale;

    public string ApiVersion => Definition.ApiVersion;

    public string Singular => Definition.Singular;

    public ResourceType Type => Definition.Type;

    /// <summary>"pods" or "deployments.apps": how kubectl names the resource in messages.</summary>
    public string QualifiedPlural => Definition.QualifiedPlural;
}
