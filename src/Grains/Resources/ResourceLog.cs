using Microsoft.Extensions.Logging;

namespace GitOps.Grains.Resources;

internal static partial class ResourceLog
{
    [LoggerMessage(EventId = 5601, Level = LogLevel.Information,
        Message = "Refused {Verb} of {Kind} {Namespace}/{Name}: Git source {Source} owns what it changes (edit {Path}, last applied from commit {Commit})")]
    public static partial void RefusedGitOwnedWrite(ILogger logger, string verb, string kind, string @namespace, string name, string source, string path, string commit);
}
