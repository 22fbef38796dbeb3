using GitOps.Model.Objects;

namespace GitOps.GitSync.Planning;

/// <summary>
/// An object read from Git with the file and line of its document, and, when the loader computed it
/// once for the file's blob, its content hash (so an unchanged file is never hashed again).
/// </summary>
public sealed record LocatedObject(ResourceKey Key, KubeObject Object, string Path, int Line, string? Hash = null)
{
    public string ContentHashOrCompute() => Hash ?? ContentHash.Of(Object.Root, Path);
}
