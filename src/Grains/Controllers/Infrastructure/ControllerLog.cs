using Microsoft.Extensions.Logging;

namespace GitOps.Grains.Controllers.Infrastructure;

internal static partial class ControllerLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Controller {Controller} threw while reconciling {Key}; retrying with backoff")]
    public static partial void ReconcileThrew(ILogger logger, string controller, string key, Exception exception);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Controller {Controller} failed to reconcile {Key} ({Failures} in a row), retrying in {Delay}: {Reason}")]
    public static partial void ReconcileFailed(ILogger logger, string controller, string key, int failures, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Controller {Controller} for {Key} could not register its resync reminder; it runs in {Delay} and registers it then")]
    public static partial void ReminderNotRegistered(ILogger logger, string controller, string key, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "The change dispatcher failed (attempt {Attempt}); retrying in {Delay}")]
    public static partial void DispatcherFailed(ILogger logger, int attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Notifying controller {Target} failed")]
    public static partial void NotifyFailed(ILogger logger, string target, Exception exception);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "Resynced {Targets} controllers from the informers at resourceVersion {ResourceVersion}")]
    public static partial void Resynced(ILogger logger, int targets, long resourceVersion);
}
