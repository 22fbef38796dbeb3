using Microsoft.Extensions.Logging;

namespace GitOps.Grains.Controllers.Workloads.CronJobs;

internal static partial class CronJobLog
{
    [LoggerMessage(EventId = 5561, Level = LogLevel.Information, Message = "CronJob {Namespace}/{Name}: Job {Job} for the run at {ScheduledTime} already existed; recorded it as started")]
    public static partial void RunAlreadyStarted(ILogger logger, string @namespace, string name, string job, DateTimeOffset scheduledTime);

    [LoggerMessage(EventId = 5562, Level = LogLevel.Warning, Message = "CronJob {Namespace}/{Name}: {Action} Job {Job} failed: {Outcome} {Reason}")]
    public static partial void JobWriteFailed(ILogger logger, string @namespace, string name, string action, string job, string outcome, string reason);
}
