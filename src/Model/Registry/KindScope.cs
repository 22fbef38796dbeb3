namespace GitOps.Model.Registry;

/// <summary>Where a kind's objects live: in a namespace, or once in the whole cluster.</summary>
public enum KindScope
{
    Namespaced,
    Cluster,
}
