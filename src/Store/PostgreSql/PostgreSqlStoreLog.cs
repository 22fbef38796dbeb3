using Microsoft.Extensions.Logging;

namespace GitOps.Store.PostgreSql;

internal static partial class PostgreSqlStoreLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "A resource store transaction of {WriteCount} writes failed; each caller gets the error")]
    public static partial void BatchFailed(ILogger logger, int writeCount, Exception exception);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "The resource change listener lost its connection; reconnecting in {RetryDelay}")]
    public static partial void ListenerFailed(ILogger logger, TimeSpan retryDelay, Exception exception);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Rolling back a failed resource store transaction failed; the connection is replaced")]
    public static partial void RollbackFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning,
        Message = "Created the encryption key file {KeyFile} with a new key: Secrets are encrypted at rest under it. Back it up; without it the Secrets in the database cannot be read")]
    public static partial void KeyFileCreated(ILogger logger, string keyFile);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Secrets are written encrypted with key {KeyName} of {KeyFile}")]
    public static partial void SecretsEncrypted(ILogger logger, string keyName, string keyFile);
}
