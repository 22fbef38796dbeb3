using GitOps.Silo.Hosting;
using Microsoft.AspNetCore.Hosting.Server;

namespace GitOps.Silo.Example;

/// <summary>
/// Once the silo listens: says where to look (dashboard, Swagger, a kubectl line that works as
/// printed) and, when the example runs, where to edit and commit to change it.
/// </summary>
internal sealed class StartupBanner(IHostApplicationLifetime lifetime, IServer server, ExampleChoice example, ILogger<StartupBanner> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        var address = OwnHttpAddress.Of(server).AbsoluteUri.TrimEnd('/');
        SiloLog.WhereToLook(logger, $"{address}/dashboard", $"{address}/swagger", $"kubectl -s {address} get deploy,pods -A");
        if (example.Source is { } source)
        {
            var edit = Path.Combine(source.Checkout, ExampleLocator.FolderName);
            var commit = $"git -C {source.Checkout} commit -am 'Scale web to 2'";
            var origin = source.IsThrowAway ? "a throw-away repository made from the folder" : "this Git checkout";
            SiloLog.ExampleRunning(logger, ExampleSource.Name, source.Url, source.Branch, origin, edit, commit, ExampleSource.PollInterval);
        }
        else if (example.Problem is not null)
        {
            SiloLog.ExampleUnavailable(logger, example.Problem);
        }
    }
}
