using GitOps.Model.Objects;

namespace GitOps.Model.Kinds;

/// <summary>Base of the typed views: reads and writes go straight to <see cref="Object"/>'s JSON tree, so unknown fields survive.</summary>
public abstract class ObjectView(KubeObject obj)
{
    public KubeObject Object { get; } = obj;

    public ObjectMeta Metadata => Object.Metadata;

    public string Name => Object.Metadata.Name ?? "";

    public string Namespace => Object.Metadata.Namespace ?? "";

    public override string ToString() => Object.ToString();

    protected static KubeObject NewObject(string apiVersion, string kind, string? @namespace, string name) =>
        new(apiVersion, kind, @namespace, name);
}
