namespace GitOps.GitSync.Planning;

/// <summary>
/// What a source applied for one object: the file it came from, the hash of its Git content
/// (<see cref="DesiredHash"/>, which decides whether Git changed), and the stored object's
/// resourceVersion and hash of its Git-managed fields right after the apply (<see cref="LiveHash"/>,
/// which decides whether someone else changed it since).
/// </summary>
[GenerateSerializer, Alias("GitOps.InventoryEntry")]
public sealed record InventoryEntry(string Path, string DesiredHash, long ResourceVersion, string LiveHash);
