namespace GitOps.Silo.Hosting;

internal static partial class SiloLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message =
        "GitOps is running.\n  Dashboard: {Dashboard}\n  Swagger:   {Swagger}\n  kubectl:   {Kubectl}")]
    public static partial void WhereToLook(ILogger logger, string dashboard, string swagger, string kubectl);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message =
        "No source is configured, so the source '{Source}' syncs manifests-example/ from {Url} (branch {Branch}), {Origin}.\n" +
        "  To change what runs: edit a file under {EditFolder}, commit it on that branch (e.g. {CommitCommand}),\n" +
        "  and the next poll (every {PollInterval}) or \"Sync now\" on the dashboard applies it.\n" +
        "  Configure a source (GitOps:Sources) or set GitOps:Example:Enabled=false to turn the example off.")]
    public static partial void ExampleRunning(ILogger logger, string source, string url, string branch, string origin, string editFolder,
        string commitCommand, string pollInterval);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message =
        "No source is configured and the example cannot run: {Problem}. Configure a source (GitOps:Sources) or add one with POST /api/gitops/sources.")]
    public static partial void ExampleUnavailable(ILogger logger, string problem);
}
