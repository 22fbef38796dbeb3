namespace GitOps.Grains.Resources;

/// <summary>A patch of <see cref="Type"/> as the client sent it (JSON text), for the object or one of its subresources.</summary>
[GenerateSerializer, Immutable, Alias("GitOps.PatchRequest")]
public sealed record PatchRequest(PatchType Type, string Patch, Subresource Subresource = Subresource.None);
