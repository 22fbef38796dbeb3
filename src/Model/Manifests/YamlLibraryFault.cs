using System.Diagnostics;
using YamlDotNet.Core;

namespace GitOps.Model.Manifests;

/// <summary>
/// Tells an exception YamlDotNet raised while reading malformed input (whatever its type) from one raised by our own
/// code: the innermost frame outside the .NET libraries decides. Ours are bugs and must not be mistaken for bad YAML.
/// </summary>
internal static class YamlLibraryFault
{
    private static readonly System.Reflection.Assembly YamlLibrary = typeof(IParser).Assembly;

    public static bool IsFrom(Exception exception)
    {
        if (exception is OutOfMemoryException or StackOverflowException)
            return false;
        foreach (var frame in new StackTrace(exception, fNeedFileInfo: false).GetFrames())
        {
            var assembly = frame.GetMethod()?.DeclaringType?.Assembly;
            if (assembly is null || IsRuntime(assembly))
                continue;
            return assembly == YamlLibrary;
        }
        return false;
    }

    private static bool IsRuntime(System.Reflection.Assembly assembly) =>
        assembly.GetName().Name is { } name && (name == "System.Private.CoreLib" || name.StartsWith("System.", StringComparison.Ordinal));
}
