using GitOps.Model.Objects;

namespace GitOps.GitSync.Planning;

/// <summary>An object read from Git with the file and line of its document.</summary>
public sealed record LocatedObject(ResourceKey Key, KubeObject Object, string Path, int Line);
