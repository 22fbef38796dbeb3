namespace GitOps.GitSync.Planning;

/// <summary>A problem a user must fix in Git: the file and line, the object when known, and what is wrong.</summary>
[GenerateSerializer, Alias("GitOps.SyncError")]
public sealed record SyncError(string Path, int Line, string Message, string? Object = null)
{
    public override string ToString() =>
        Object is null ? $"{Path}:{Line}: {Message}" : $"{Path}:{Line}: {Object}: {Message}";
}
