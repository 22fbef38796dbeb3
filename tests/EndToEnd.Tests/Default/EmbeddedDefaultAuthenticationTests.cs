using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GitOps.EndToEnd.Tests.Compose;
using GitOps.EndToEnd.Tests.Harness;

namespace GitOps.EndToEnd.Tests.Default;

/// <summary>
/// The embedded default exactly as users start it (no anonymous switch, HTTP and HTTPS): it generates an admin token
/// and a kubeconfig the real kubectl uses, refuses calls without a token, and issues ServiceAccount tokens through
/// <c>kubectl create token</c> that stop working when the ServiceAccount is deleted.
/// </summary>
public sealed partial class EmbeddedDefaultAuthenticationTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"gitops-e2e-authn-{Guid.NewGuid():N}");
    private SiloProcess? _silo;

    private SiloProcess Silo => _silo!;

    private string Kubeconfig => Path.Combine(Silo.DataDirectory!, "kubeconfig");

    public async Task InitializeAsync()
    {
        foreach (var (relative, content) in ExampleSilo.ExampleFiles())
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_directory, relative))!);
            await File.WriteAllTextAsync(Path.Combine(_directory, relative), content);
        }
        _silo = SiloProcess.StartDefault("A", _directory, authenticated: true);
        await Eventually.HoldsAsync("the silo to be ready", async ct => (await Silo.Client.IsReadyAsync(ct), "/readyz not 200"), Patience, Silo.Process);
    }

    public async Task DisposeAsync()
    {
        var data = Silo.DataDirectory!;
        await Silo.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
        if (Directory.Exists(data))
            Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task The_printed_kubeconfig_line_works_with_the_real_kubectl_and_the_in_process_nodes_run_the_example()
    {
        await Eventually.HoldsAsync("the banner's kubectl line", _ => Task.FromResult(
            (KubeconfigLine().IsMatch(Silo.Process.RecentOutput), "no banner yet")), Patience, Silo.Process);
        Assert.Equal(Kubeconfig, KubeconfigLine().Match(Silo.Process.RecentOutput).Groups["path"].Value);

        await Eventually.HoldsAsync("kubectl with the generated kubeconfig to list the example's pods Running", async ct =>
        {
            var (exit, output, errors) = await KubectlAsync(["get", "pods", "-A"], ct);
            var running = Regex.Count(output, @"\s1/1\s+Running\s");
            return (exit == 0 && running == 6, $"exit {exit}, {running} Running\n{output}\n{errors}");
        }, Patience, Silo.Process);
    }

    [Fact]
    public async Task Kubectl_auth_whoami_names_the_admin_in_its_groups()
    {
        using var cancellation = new CancellationTokenSource(Patience);

        var review = JsonNode.Parse(await KubectlCheckedAsync(["auth", "whoami", "-o", "json"], cancellation.Token))!;

        var user = review["status"]!["userInfo"]!;
        Assert.Equal("admin", user["username"]!.GetValue<string>());
        Assert.Equal(["system:masters", "system:authenticated"], user["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
    }

    [Theory]
    [InlineData("/api/v1/pods")]
    [InlineData("/api/gitops/sources")]
    public async Task A_call_without_a_token_gets_401_with_a_Status(string path)
    {
        using var anonymous = new HttpClient { BaseAddress = Silo.Client.Server };
        using var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
        Assert.Equal("Unauthorized", status["reason"]!.GetValue<string>());
        using var health = await anonymous.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_token_from_kubectl_create_token_works_until_its_ServiceAccount_is_deleted()
    {
        using var cancellation = new CancellationTokenSource(Patience);
        var ct = cancellation.Token;
        var manifest = Path.Combine(_directory, "robot.yaml");
        // The ServiceAccount and, for RBAC, a binding that lets it read the namespace (view).
        await File.WriteAllTextAsync(manifest, """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: robot, namespace: default}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: robot-views, namespace: default}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
            subjects: [{kind: ServiceAccount, name: robot, namespace: default}]
            """, ct);
        await KubectlCheckedAsync(["apply", "-f", manifest], ct);

        var token = (await KubectlCheckedAsync(["create", "token", "robot", "--duration", "15m"], ct)).Trim();

        Assert.Equal(HttpStatusCode.OK, await GetPodsWithAsync(token, ct));
        await KubectlCheckedAsync(["delete", "serviceaccount", "robot"], ct);
        Assert.Equal(HttpStatusCode.Unauthorized, await GetPodsWithAsync(token, ct));
    }

    [Fact]
    public async Task A_restart_reuses_the_admin_token_and_the_kubeconfig_still_works()
    {
        var tokens = Path.Combine(Silo.DataDirectory!, "tokens.csv");
        await Eventually.HoldsAsync("the kubeconfig written", _ => Task.FromResult((File.Exists(Kubeconfig), "no kubeconfig yet")), Patience, Silo.Process);
        var before = await File.ReadAllTextAsync(tokens);

        var first = Silo;
        await first.KillAsync();
        _silo = first.Restart();
        await first.DisposeAsync();
        await Eventually.HoldsAsync("the restarted silo to be ready", async ct => (await Silo.Client.IsReadyAsync(ct), "/readyz not 200"), Patience, Silo.Process);

        Assert.Equal(before, await File.ReadAllTextAsync(tokens));
        await Eventually.HoldsAsync("kubectl with the kubeconfig after the restart", async ct =>
        {
            var (exit, output, errors) = await KubectlAsync(["get", "nodes"], ct);
            return (exit == 0 && output.Contains("sim-node-1", StringComparison.Ordinal), $"exit {exit}\n{output}\n{errors}");
        }, Patience, Silo.Process);
    }

    private async Task<HttpStatusCode> GetPodsWithAsync(string token, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Silo.Client.Server };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces/default/pods");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    private Task<(int ExitCode, string Output, string Errors)> KubectlAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        CommandLine.RunAsync("kubectl", [.. arguments, "--cache-dir", Path.Combine(_directory, ".kube-cache")], _directory,
            new Dictionary<string, string> { ["KUBECONFIG"] = Kubeconfig }, TimeSpan.FromSeconds(30), cancellationToken);

    private async Task<string> KubectlCheckedAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var (exit, output, errors) = await KubectlAsync(arguments, cancellationToken);
        Assert.True(exit == 0, $"kubectl {string.Join(' ', arguments)} exited {exit}: {output}\n{errors}");
        return output;
    }

    [GeneratedRegex(@"kubectl:\s+KUBECONFIG=(?<path>\S+) kubectl get deploy,pods -A\s*$", RegexOptions.Multiline)]
    private static partial Regex KubeconfigLine();
}
