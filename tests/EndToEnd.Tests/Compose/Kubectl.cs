using System.Text.Json.Nodes;

namespace GitOps.EndToEnd.Tests.Compose;

/// <summary>
/// One real <c>kubectl ... -o json</c> against a server, with the given kubeconfig (its token and certificate authority)
/// and a cache of its own, so it never touches the user's.
/// </summary>
public static class Kubectl
{
    /// <summary>Runs <c>kubectl --server {server} {arguments} -o json</c> and returns what it printed, parsed.</summary>
    public static async Task<JsonObject> GetJsonAsync(Uri server, string kubeconfigText, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"gitops-e2e-kubectl-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            var kubeconfig = Path.Combine(directory, "kubeconfig");
            await File.WriteAllTextAsync(kubeconfig, kubeconfigText, cancellationToken);
            var output = await CommandLine.RunCheckedAsync("kubectl",
                ["--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(directory, "cache"), "--server", server.ToString().TrimEnd('/'), .. arguments, "-o", "json"],
                directory, new Dictionary<string, string>(), TimeSpan.FromSeconds(60), cancellationToken);
            return JsonNode.Parse(output) as JsonObject ?? throw new InvalidOperationException($"kubectl {string.Join(' ', arguments)} printed no JSON object: {output}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The items of a <c>kubectl get</c> listing.</summary>
    public static async Task<IReadOnlyList<JsonObject>> GetItemsAsync(Uri server, string kubeconfigText, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        ((await GetJsonAsync(server, kubeconfigText, arguments, cancellationToken))["items"] as JsonArray ?? []).OfType<JsonObject>().ToArray();
}
