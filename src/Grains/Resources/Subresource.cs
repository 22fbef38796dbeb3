namespace GitOps.Grains.Resources;

/// <summary>What part of an object a write addresses: the object itself, its status, or its scale (spec.replicas).</summary>
[GenerateSerializer, Alias("GitOps.Subresource")]
public enum Subresource { None, Status, Scale }
