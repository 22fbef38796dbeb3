using System.Text.Json.Nodes;
using GitOps.Gateway.Tests.Infrastructure;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;

namespace GitOps.Gateway.Tests.Kubectl;

/// <summary>
/// The real kubectl (v1.32 on PATH) against a gateway on PostgreSQL, through a kubeconfig in a
/// temporary directory. Git-managed objects are judged by GitSync's own guard (<see cref="RealGitGuard"/>).
/// </summary>
public sealed class KubectlEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan WatchWait = TimeSpan.FromSeconds(20);
    private GatewayHost? _host;
    private Infrastructure.Kubectl? _kubectl;

    private GatewayHost Host => _host!;

    private Infrastructure.Kubectl Cli => _kubectl!;

    public async Task InitializeAsync()
    {
        _host = await GatewayHost.StartAsync(RealGitGuard.Register);
        _kubectl = new Infrastructure.Kubectl(_host.Address);
    }

    public async Task DisposeAsync()
    {
        _kubectl?.Dispose();
        if (_host is not null)
            await _host.DisposeAsync();
    }

    [Fact]
    public async Task Api_resources_lists_kinds_with_short_names()
    {
        var result = await Cli.RunAsync("api-resources");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^pods\s+po\s+v1\s+true\s+Pod\s*$", result.Output);
        Assert.Matches(@"(?m)^deployments\s+deploy\s+apps/v1\s+true\s+Deployment\s*$", result.Output);
        Assert.Matches(@"(?m)^nodes\s+no\s+v1\s+false\s+Node\s*$", result.Output);
        Assert.Matches(@"(?m)^leases\s+coordination.k8s.io/v1\s+true\s+Lease\s*$", result.Output);
    }

    [Fact]
    public async Task Get_pods_across_namespaces_shows_the_namespace_column()
    {
        await Host.Client.PostJsonAsync(Objects.PodsPath("team-a"), Objects.Pod("team-a", "api-0"));
        await Host.Client.PostJsonAsync(Objects.PodsPath("team-b"), Objects.Pod("team-b", "worker-0"));

        var result = await Cli.RunAsync("get", "pods", "-A");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE", result.Output);
        Assert.Matches(@"(?m)^team-a\s+api-0\s+0/1\s+Pending\s+0\s+\S+\s*$", result.Output);
        Assert.Matches(@"(?m)^team-b\s+worker-0\s+0/1\s+Pending\s+0\s+\S+\s*$", result.Output);
    }

    [Fact]
    public async Task Get_deployments_shows_the_deployment_columns()
    {
        await Host.Client.PostJsonAsync("/apis/apps/v1/namespaces/shop/deployments", Objects.Deployment("shop", "cart", replicas: 3));

        var result = await Cli.RunAsync("get", "deploy", "-n", "shop");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE", result.Output);
        Assert.Matches(@"(?m)^cart\s+0/3\s+0\s+0\s+\S+\s*$", result.Output);
    }

    [Fact]
    public async Task Scale_changes_the_replicas_through_the_scale_subresource()
    {
        await Host.Client.PostJsonAsync("/apis/apps/v1/namespaces/scaled/deployments", Objects.Deployment("scaled", "api", replicas: 2));

        var result = await Cli.RunAsync("scale", "deployment", "api", "-n", "scaled", "--replicas=5");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("deployment.apps/api scaled", result.Output);
        var read = await Host.Client.GetJsonAsync("/apis/apps/v1/namespaces/scaled/deployments/api");
        Assert.Equal(5, read.Object["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Get_pod_as_yaml_prints_the_stored_object()
    {
        await Host.Client.PostJsonAsync(Objects.PodsPath("yaml"), Objects.Pod("yaml", "web-0", nodeName: "node-7"));

        var result = await Cli.RunAsync("get", "pod", "web-0", "-n", "yaml", "-o", "yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("kind: Pod", result.Output);
        Assert.Contains("  name: web-0", result.Output);
        Assert.Contains("  namespace: yaml", result.Output);
        Assert.Contains("nodeName: node-7", result.Output);
        Assert.Matches(@"resourceVersion: ""\d+""", result.Output);
    }

    [Fact]
    public async Task Get_pods_watch_prints_a_change_made_while_it_runs()
    {
        await Host.Client.PostJsonAsync(Objects.PodsPath("watched"), Objects.Pod("watched", "first"));
        using var watch = Cli.Start("get", "pods", "-n", "watched", "-w");
        Assert.True(await watch.WaitForLineAsync(l => l.StartsWith("first ", StringComparison.Ordinal), WatchWait), $"no initial row: {string.Join('\n', watch.Lines)} {watch.Errors}");

        await Host.Client.PostJsonAsync(Objects.PodsPath("watched"), Objects.Pod("watched", "second"));

        Assert.True(await watch.WaitForLineAsync(l => l.StartsWith("second ", StringComparison.Ordinal), WatchWait),
            $"kubectl get -w did not print the new pod: {string.Join('\n', watch.Lines)} {watch.Errors}");
    }

    [Fact]
    public async Task Server_side_apply_creates_updates_and_reports_conflicts()
    {
        var file = Path.Combine(Cli.Directory, "ssa.yaml");
        const string Manifest = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: ssa-settings
              namespace: ssa
            data:
              mode: fast
            """;
        await File.WriteAllTextAsync(file, Manifest);

        var created = await Cli.RunAsync("apply", "--server-side", "-f", file);
        await File.WriteAllTextAsync(file, Manifest.Replace("mode: fast", "mode: safe"));
        var updated = await Cli.RunAsync("apply", "--server-side", "-f", file);
        await File.WriteAllTextAsync(file, Manifest.Replace("mode: fast", "mode: other"));
        var conflicted = await Cli.RunAsync("apply", "--server-side", "--field-manager", "someone-else", "-f", file);

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains("configmap/ssa-settings serverside-applied", created.Output);
        Assert.True(updated.ExitCode == 0, updated.ToString());
        var stored = await Host.Client.GetJsonAsync("/api/v1/namespaces/ssa/configmaps/ssa-settings");
        Assert.Equal("safe", stored.Object["data"]!["mode"]!.GetValue<string>());
        Assert.NotEqual(0, conflicted.ExitCode);
        Assert.Contains("conflict with \"kubectl\"", conflicted.Error);
        Assert.Contains(".data.mode", conflicted.Error);
    }

    [Fact]
    public async Task Create_apply_and_delete_from_a_file()
    {
        var file = Path.Combine(Cli.Directory, "app.yaml");
        await File.WriteAllTextAsync(file, """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: filed
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace: filed
            data:
              mode: fast
            """);

        var created = await Cli.RunAsync("create", "-f", file);
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains("namespace/filed created", created.Output);
        Assert.Contains("configmap/settings created", created.Output);

        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("mode: fast", "mode: safe"));
        var applied = await Cli.RunAsync("apply", "-f", file);
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Contains("configmap/settings configured", applied.Output);
        var read = await Host.Client.GetJsonAsync("/api/v1/namespaces/filed/configmaps/settings");
        Assert.Equal("safe", read.Object["data"]!["mode"]!.GetValue<string>());

        var deleted = await Cli.RunAsync("delete", "-f", file);
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Contains("configmap \"settings\" deleted", deleted.Output);
        var gone = await Cli.RunAsync("get", "configmap", "settings", "-n", "filed");
        Assert.NotEqual(0, gone.ExitCode);
        Assert.Contains("NotFound", gone.Error);
    }

    [Fact]
    public async Task Changing_a_Git_owned_field_is_refused_with_the_file_to_edit_and_another_label_is_not()
    {
        await RealGitGuard.ApplyFromGitAsync(Host.Grains, Objects.Deployment("gitops", "frontend"), "healing", "apps/frontend/deployment.yaml", "9c1e4b7");

        var relabel = await Cli.RunAsync("label", "deployment", "frontend", "-n", "gitops", "app=other", "--overwrite");
        var scale = await Cli.RunAsync("scale", "deployment", "frontend", "-n", "gitops", "--replicas=4");
        var delete = await Cli.RunAsync("delete", "deployment", "frontend", "-n", "gitops");
        var unrelated = await Cli.RunAsync("label", "deployment", "frontend", "-n", "gitops", "owner=me");

        foreach (var refused in new[] { relabel, scale, delete })
        {
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains("Error from server (Forbidden)", refused.Error);
            Assert.Contains("apps/frontend/deployment.yaml", refused.Error);
            Assert.Contains(RealGitGuard.Repository, refused.Error);
        }
        Assert.True(unrelated.ExitCode == 0, unrelated.ToString());
        var still = await Host.Client.GetJsonAsync("/apis/apps/v1/namespaces/gitops/deployments/frontend");
        Assert.Equal(("frontend", "me", 2), (still.Object["metadata"]!["labels"]!["app"]!.GetValue<string>(),
            still.Object["metadata"]!["labels"]!["owner"]!.GetValue<string>(), still.Object["spec"]!["replicas"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Scale_and_patch_succeed_while_a_controller_rewrites_the_status_100_times_a_second()
    {
        await Host.Client.PostJsonAsync("/apis/apps/v1/namespaces/busy/deployments", Objects.Deployment("busy", "api", replicas: 1));
        using var stop = new CancellationTokenSource();
        var statusWrites = RewriteStatusAsync(new ResourceKey("apps", "Deployment", "busy", "api"), stop.Token);

        var results = new List<Infrastructure.Kubectl.Result>();
        for (var replicas = 2; replicas <= 6; replicas++)
        {
            results.Add(await Cli.RunAsync("scale", "deployment", "api", "-n", "busy", $"--replicas={replicas}"));
            results.Add(await Cli.RunAsync("patch", "deployment", "api", "-n", "busy", "--type=merge", "-p", "{\"metadata\":{\"annotations\":{\"merge\":\"" + replicas + "\"}}}"));
            results.Add(await Cli.RunAsync("patch", "deployment", "api", "-n", "busy", "-p", "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1." + replicas + "\"}]}}}}"));
        }
        await stop.CancelAsync();
        var written = await statusWrites;

        foreach (var result in results)
            Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(written > 50, $"only {written} status writes landed while kubectl ran");
        var read = (await Host.Client.GetJsonAsync("/apis/apps/v1/namespaces/busy/deployments/api")).Object;
        Assert.Equal(6, read["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal("6", read["metadata"]!["annotations"]!["merge"]!.GetValue<string>());
        Assert.Equal("nginx:1.6", read["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
    }

    /// <summary>What a controller does: read the object, write its status through the grain, 100 times a second until stopped; the count of writes that landed.</summary>
    private async Task<int> RewriteStatusAsync(ResourceKey key, CancellationToken stop)
    {
        var grain = Host.Grains.GetGrain<IResourceGrain>(key.ToString());
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        var written = 0;
        try
        {
            while (await ticks.WaitForNextTickAsync(stop))
            {
                var current = (await Host.Store.GetAsync(key, CancellationToken.None))!.DeepClone();
                current.EnsureStatus()["observedGeneration"] = current.Metadata.Generation;
                current.EnsureStatus()["updates"] = written;
                var result = await grain.UpdateStatusAsync(current, CancellationToken.None);
                if (result.Outcome == ResourceOutcome.Updated)
                    written++;
            }
        }
        catch (OperationCanceledException)
        {
        }
        return written;
    }
}
