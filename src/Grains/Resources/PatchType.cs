namespace GitOps.Grains.Resources;

/// <summary>The patch formats a resource grain applies: JSON patch (RFC 6902), JSON merge patch (RFC 7386), strategic merge patch.</summary>
[GenerateSerializer, Alias("GitOps.PatchType")]
public enum PatchType { Json, Merge, StrategicMerge }
