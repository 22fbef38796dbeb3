namespace GitOps.Gateway.Auth;

/// <summary>Files only the silo's user may read (mode 0600): keys, tokens and kubeconfigs.</summary>
public static class PrivateFile
{
    /// <summary>Writes <paramref name="path"/> unless it exists; when two processes race, the first file stays.</summary>
    public static void WriteOnce(string path, string contents)
    {
        var temporary = WriteTemporary(path, contents);
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Replaces <paramref name="path"/> atomically.</summary>
    public static void Write(string path, string contents) => File.Move(WriteTemporary(path, contents), path, overwrite: true);

    private static string WriteTemporary(string path, string contents)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(path: temporary, options))
            writer.Write(contents);
        return temporary;
    }
}
