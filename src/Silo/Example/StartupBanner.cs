using GitOps.Gateway.Auth;
using GitOps.Silo.Access;
using GitOps.Silo.Hosting;
using Microsoft.AspNetCore.Hosting.Server;

namespace GitOps.Silo.Example;

/// <summary>
/// Once the silo listens: says where to look (dashboard, Swagger, a kubectl line that works as
/// printed: with the generated admin kubeconfig, written here once the address is known) and, when
/// the example runs, where to edit and commit to change it.
/// </summary>
internal sealed class StartupBanner(IHostApplicationLifetime lifetime, IServer server, ExampleChoice example, SiloAccess access, ILogger<StartupBanner> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // With a generated admin token: a kubeconfig for the HTTPS address (kubectl sends tokens only over HTTPS),
    // rewritten at each start (the port may change).
    private string KubectlLine(string address)
    {
        if (access is { KubeconfigPath: { } kubeconfig, AdminToken: { } token })
        {
            var secure = OwnHttpAddress.Secure(server);
            var authority = access.ServingCertificate?.ExportCertificatePem();
            PrivateFile.Write(kubeconfig, Kubeconfig.Render(secure ?? new Uri(address), authority, SiloAccess.AdminUser, token));
            return secure is null
                ? $"KUBECONFIG={kubeconfig} kubectl get deploy,pods -A   (kubectl sends the token only over HTTPS: add an https:// URL to Urls)"
                : $"KUBECONFIG={kubeconfig} kubectl get deploy,pods -A";
        }
        // Under the test-only anonymous switch kubectl needs no token.
        return access.TokenFile is { } tokenFile
            ? $"kubectl -s {address} --token <a token from {tokenFile}> get deploy,pods -A"
            : $"kubectl -s {address} get deploy,pods -A";
    }

    private void Print()
    {
        var address = OwnHttpAddress.Of(server).AbsoluteUri.TrimEnd('/');
        SiloLog.WhereToLook(logger, $"{address}/dashboard", $"{address}/swagger", KubectlLine(address));
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
