using Microsoft.Extensions.Logging;

namespace GitOps.Gateway.Auth;

internal static partial class AuthLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message =
        "INSECURE: GitOps:Auth:AllowAnonymous (--insecure-allow-anonymous) is on. Any request without a token is user " +
        "system:anonymous in group system:masters and may do anything. This switch is for tests only; never use it where anyone else can reach the port.")]
    public static partial void AnonymousAllowed(ILogger logger);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Refused the bearer token of {Method} {Path}: {Reason}")]
    public static partial void TokenRefused(ILogger logger, string method, string path, string reason);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Generated the key that signs ServiceAccount tokens in {KeyFile}; every silo of the cluster must read this file")]
    public static partial void SigningKeyCreated(ILogger logger, string keyFile);
}
