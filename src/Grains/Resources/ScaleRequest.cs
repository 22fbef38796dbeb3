namespace GitOps.Grains.Resources;

/// <summary>A PUT of the scale subresource: the autoscaling/v1 Scale as the client sent it (JSON text).</summary>
[GenerateSerializer, Immutable, Alias("GitOps.ScaleRequest")]
public sealed record ScaleRequest(string Scale);
