using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GitOps.TestSupport;

namespace GitOps.Bench.Scenarios;

/// <summary>
/// The soak's activity against a running silo: commits to its Git source (replicas and image of the Git-managed
/// Deployments), scaling of API-managed Deployments, pod deletions, and kill -9 and restart of node agent processes.
/// Each loop counts what it did and what the server refused; a refusal is a figure, not a failure of the run.
/// </summary>
internal sealed class SoakWorkload(HttpClient http, string repository, SoakSettings settings, Func<int, StartedProcess> startAgent)
{
    public const string GitNamespace = "soak-git";
    public const string ApiNamespace = "soak-api";

    private readonly StartedProcess?[] _agents = new StartedProcess?[settings.Agents];
    private readonly int[] _gitReplicas = Enumerable.Repeat(2, settings.GitDeployments).ToArray();
    private readonly int[] _gitImages = new int[settings.GitDeployments];
    private int _commits;
    private int _scales;
    private int _podDeletes;
    private int _agentKills;
    private int _refused;

    public string Counts =>
        $"{_commits} commits, {_scales} scalings, {_podDeletes} pod deletions, {_agentKills} node agent kills, {_refused} requests refused or failed";

    public StartedProcess?[] Agents => _agents;

    public void StartAgents()
    {
        for (var i = 0; i < _agents.Length; i++)
            _agents[i] = startAgent(i);
    }

    /// <summary>Writes the Git-managed Deployments (and their namespace) as the repository's next commit.</summary>
    public void WriteManifests(string message)
    {
        var text = new StringBuilder($"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {GitNamespace}\n");
        for (var i = 0; i < _gitReplicas.Length; i++)
            text.Append("---\n").Append(SoakManifests.DeploymentYaml(GitNamespace, $"git-{i:00}", _gitReplicas[i], _gitImages[i]));
        File.WriteAllText(Path.Combine(repository, "soak.yaml"), text.ToString());
        GitSyncScenario.Commit(repository, message);
    }

    public async Task CreateApiDeploymentsAsync(CancellationToken cancellationToken)
    {
        await SendAsync(HttpMethod.Post, "/api/v1/namespaces", SoakManifests.Namespace(ApiNamespace), "application/json", cancellationToken);
        for (var i = 0; i < settings.ApiDeployments; i++)
            await SendAsync(HttpMethod.Post, $"/apis/apps/v1/namespaces/{ApiNamespace}/deployments",
                SoakManifests.Deployment(ApiNamespace, $"api-{i:00}", 2), "application/json", cancellationToken);
    }

    public Task RunAsync(CancellationToken cancellationToken) => Task.WhenAll(
        EveryAsync(settings.CommitInterval, CommitAsync, cancellationToken),
        EveryAsync(settings.ScaleInterval, ScaleAsync, cancellationToken),
        EveryAsync(settings.PodDeleteInterval, DeletePodAsync, cancellationToken),
        EveryAsync(settings.AgentKillInterval, KillAgentAsync, cancellationToken));

    /// <summary>Starts every agent that is down (the end of the run: all nodes back).</summary>
    public void RestartStoppedAgents()
    {
        for (var i = 0; i < _agents.Length; i++)
        {
            if (_agents[i] is null or { HasExited: true })
                _agents[i] = startAgent(i);
        }
    }

    private Task CommitAsync(CancellationToken cancellationToken)
    {
        var i = Random.Shared.Next(_gitReplicas.Length);
        // Always a change (a commit with none would be empty): 1 to 4 replicas, never the current count.
        _gitReplicas[i] = 1 + (_gitReplicas[i] + Random.Shared.Next(3)) % 4;
        if (Random.Shared.Next(2) == 0)
            _gitImages[i]++;
        WriteManifests($"git-{i:00}: {_gitReplicas[i]} replicas, image {_gitImages[i]}");
        _commits++;
        return Task.CompletedTask;
    }

    private async Task ScaleAsync(CancellationToken cancellationToken)
    {
        var name = $"api-{Random.Shared.Next(settings.ApiDeployments):00}";
        var patch = new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 1 + Random.Shared.Next(4) } };
        if (await SendAsync(HttpMethod.Patch, $"/apis/apps/v1/namespaces/{ApiNamespace}/deployments/{name}", patch, "application/merge-patch+json", cancellationToken) is not null)
            _scales++;
    }

    private async Task DeletePodAsync(CancellationToken cancellationToken)
    {
        var ns = Random.Shared.Next(2) == 0 ? GitNamespace : ApiNamespace;
        var list = await SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods", null, null, cancellationToken);
        var pods = list?["items"]?.AsArray().Select(p => p!["metadata"]!["name"]!.GetValue<string>()).ToList() ?? [];
        if (pods.Count == 0)
            return;
        if (await SendAsync(HttpMethod.Delete, $"/api/v1/namespaces/{ns}/pods/{pods[Random.Shared.Next(pods.Count)]}", null, null, cancellationToken) is not null)
            _podDeletes++;
    }

    // kill -9 of one agent (in turn); it comes back after AgentDowntime, long enough for its nodes to go NotReady and their pods to be evicted.
    private async Task KillAgentAsync(CancellationToken cancellationToken)
    {
        var i = _agentKills % _agents.Length;
        if (_agents[i] is { } agent)
        {
            await agent.KillAsync();
            await agent.DisposeAsync();
        }
        _agents[i] = null;
        _agentKills++;
        await Task.Delay(settings.AgentDowntime, cancellationToken);
        _agents[i] = startAgent(i);
    }

    private static async Task EveryAsync(TimeSpan interval, Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, cancellationToken);
                await action(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run's time is up.
        }
    }

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, string? contentType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType!);
        }
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
                return JsonNode.Parse(text);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Unreachable or timed out: counted below, and the run goes on.
        }
        Interlocked.Increment(ref _refused);
        return null;
    }
}
