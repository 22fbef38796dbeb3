namespace GitOps.GitSync.Tests.Support;

/// <summary>A temporary directory removed at dispose (mirror caches of one test).</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gitops-test-cache", Guid.NewGuid().ToString("n"));

    public TempDirectory() => Directory.CreateDirectory(Path);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans its temp folder.
        }
        catch (UnauthorizedAccessException)
        {
            // Best effort: the OS cleans its temp folder.
        }
    }
}
