namespace GitOps.GitSync.Git;

/// <summary>A value or the git failure that prevented it.</summary>
public sealed record GitResult<T>(T? Value, GitFailure? Failure)
{
    public bool Succeeded => Failure is null;

    public static GitResult<T> Ok(T value) => new(value, null);

    public static GitResult<T> Failed(GitFailure failure) => new(default, failure);
}
