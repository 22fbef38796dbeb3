using Microsoft.Extensions.Logging;

namespace GitOps.Gateway.Auth.Hosting;

/// <summary>Log messages of authorization.</summary>
internal static partial class AuthorizationLog
{
    [LoggerMessage(EventId = 4111, Level = LogLevel.Debug,
        Message = "Forbidden: user {User} may not {Verb} {Path} ({Reason})")]
    public static partial void Forbidden(ILogger logger, string user, string verb, string path, string reason);
}
