namespace GitOps.GitSync.Tests.Support;

/// <summary>Damages a bare mirror on disk as a full disk or a killed process could: HEAD garbled, every object and pack file cut in half.</summary>
public static class MirrorDamage
{
    public static void Inflict(string mirrorDirectory)
    {
        File.WriteAllText(Path.Combine(mirrorDirectory, "HEAD"), "\0\0garbage");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(mirrorDirectory, "objects"), "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Write);
            stream.SetLength(stream.Length / 2);
        }
    }

    /// <summary>The one mirror in a cache directory (named by a hash, ending in .git).</summary>
    public static string SingleMirrorIn(string cacheDirectory) => Directory.GetDirectories(cacheDirectory, "*.git").Single();
}
