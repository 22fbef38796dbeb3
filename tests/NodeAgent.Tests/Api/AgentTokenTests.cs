using System.Collections.Concurrent;
using System.Diagnostics;
using GitOps.NodeAgent.Cli;
using GitOps.NodeAgent.Client;
using GitOps.TestSupport;

namespace GitOps.NodeAgent.Tests.Api;

/// <summary>
/// The agent executable against a server that requires tokens: with <c>--token-dir</c> each simulated node sends its
/// own token (so the server knows it as system:node:NAME) and nothing is refused: neither authentication nor the node
/// authorizer stops a node registering, heartbeating, running the pods bound to it and deleting them.
/// </summary>
public sealed class AgentTokenTests : IDisposable
{
    private const string AdminToken = "admin-token-for-agent-tests";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"gitops-agent-tokens-{Guid.NewGuid():N}");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Each_node_of_a_fleet_sends_its_own_token_from_the_token_directory()
    {
        var nodeTokens = new Dictionary<string, string> { ["tok-node-1"] = "token-of-node-one", ["tok-node-2"] = "token-of-node-two" };
        var tokenDirectory = Path.Combine(_directory, "node-tokens");
        Directory.CreateDirectory(tokenDirectory);
        var lines = new List<string> { $"{AdminToken},admin,uid-admin,system:masters" };
        foreach (var (node, token) in nodeTokens)
        {
            await File.WriteAllTextAsync(Path.Combine(tokenDirectory, node), token + "\n");
            lines.Add($"{token},system:node:{node},uid-{node},system:nodes");
        }
        var tokenFile = Path.Combine(_directory, "tokens.csv");
        await File.WriteAllLinesAsync(tokenFile, lines);
        var seen = new ConcurrentQueue<(string Path, string Authorization, int Status)>();
        await using var api = await ApiServer.StartAsync(
            new Dictionary<string, string?> { [AnonymousAccess.Setting] = "false", ["GitOps:Auth:TokenFile"] = tokenFile },
            async (context, next) =>
            {
                await next();
                seen.Enqueue((context.Request.Path.Value ?? "", context.Request.Headers.Authorization.ToString(), context.Response.StatusCode));
            },
            AdminToken);

        using var agent = StartAgent(api.Address, "--token-dir", tokenDirectory);
        try
        {
            await Eventually.GetAsync(async () =>
            {
                var leases = await api.Client.ListAsync(ResourcePath.Leases("kube-node-lease"), ListOptions.None, CancellationToken.None);
                return leases.Items.Count(l => l.Metadata.Name!.StartsWith("tok-node-", StringComparison.Ordinal)) == 2 ? leases : null;
            }, "both nodes registered and heartbeating");
            // The node authorizer lets each node run and delete the pods bound to it (status writes, final delete).
            await api.Client.CreateAsync(ApiObjects.Pod("tok-pod", "tok-node-1", """{"containers":[{"name":"c","image":"busybox"}]}"""), ResourcePath.Pods("default"));
            await api.Client.WaitForPhaseAsync(ResourcePath.Pod("default", "tok-pod"), "Running");
            var deleted = await api.Client.DeleteAsync(ResourcePath.Pod("default", "tok-pod"), new DeleteOptions(GracePeriodSeconds: 5), CancellationToken.None);
            Assert.True(deleted.IsSuccess, deleted.Error?.ToString());
            await Eventually.GetAsync(async () =>
                await api.Client.GetOrNullAsync(ResourcePath.Pod("default", "tok-pod")) is null ? new object() : null, "tok-pod deleted by its node");
        }
        finally
        {
            agent.Kill(entireProcessTree: true);
            await agent.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        }

        var agentRequests = seen.Where(r => r.Authorization != $"Bearer {AdminToken}").ToList();
        Assert.DoesNotContain(agentRequests, r => r.Status == 401);
        Assert.DoesNotContain(agentRequests, r => r.Status == 403);
        foreach (var (node, token) in nodeTokens)
        {
            var ownRequests = agentRequests.Where(r => r.Path.EndsWith($"/nodes/{node}/status", StringComparison.Ordinal)
                                                    || r.Path.EndsWith($"/leases/{node}", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(ownRequests);
            Assert.All(ownRequests, r => Assert.Equal($"Bearer {token}", r.Authorization));
        }
        Assert.All(agentRequests, r => Assert.Contains(r.Authorization, nodeTokens.Values.Select(t => $"Bearer {t}")));
    }

    private static Process StartAgent(Uri server, params string[] extra)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     typeof(AgentCommand).Assembly.Location, "--server", server.ToString(), "--runtime", "simulated", "--nodes", "2",
                     "--name-prefix", "tok-node", "--heartbeat-interval", "500ms", "--lease-duration", "2s", "--node-status-interval", "1s",
                 }.Concat(extra))
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
