using GitOps.Model.Objects;

namespace GitOps.Grains.Resources;

/// <summary>
/// A server-side apply: <see cref="Intent"/> is the whole intent of field manager
/// <see cref="Manager"/>; <see cref="Force"/> takes over fields other appliers own.
/// </summary>
[GenerateSerializer, Immutable, Alias("GitOps.ApplyRequest")]
public sealed record ApplyRequest(KubeObject Intent, string Manager, bool Force = false);
