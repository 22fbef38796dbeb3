using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace GitOps.Bench.Scenarios;

public sealed partial class GatewayScenario
{
    private const string DeploymentPath = "/apis/apps/v1/namespaces/bench/deployments/web";
    private const int ContendedWrites = 500;

    /// <summary>
    /// What a user's <c>kubectl patch</c> and <c>kubectl scale</c> meet while a controller rewrites the
    /// object's status about 100 times a second: latency and how many writes were refused.
    /// </summary>
    private static async Task<IEnumerable<string[]>> MeasureContendedWritesAsync(HttpClient client, CancellationToken cancellationToken)
    {
        await SendAsync(client, HttpMethod.Post, "/apis/apps/v1/namespaces/bench/deployments", "application/json", DeploymentJson, cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var statusWrites = 0;
        var statusWriter = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var body = $$$"""{"status":{"observedGeneration":{{{statusWrites + 1}}},"replicas":1}}""";
                if (await SendAsync(client, HttpMethod.Patch, DeploymentPath + "/status", "application/merge-patch+json", body, stop.Token, throwOnFailure: false))
                    statusWrites++;
                await Task.Delay(10, stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }, CancellationToken.None);

        var (patch, patchRefused) = await TimeWritesAsync(client, DeploymentPath, "application/strategic-merge-patch+json",
            i => """{"metadata":{"labels":{"revision":""" + $"\"{i}\"" + "}}}", cancellationToken);
        var (scale, scaleRefused) = await TimeWritesAsync(client, DeploymentPath + "/scale", "application/merge-patch+json",
            i => $$$"""{"spec":{"replicas":{{{i % 5 + 1}}}}}""", cancellationToken);
        await stop.CancelAsync();
        await statusWriter.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return
        [
            [$"PATCH (strategic merge) p50, {ContendedWrites} sequential, status rewritten ~100/s meanwhile", Ms(Percentile(patch, 0.5)), "", ""],
            ["PATCH p99", Ms(Percentile(patch, 0.99)), "", ""],
            ["PATCH refused", $"{patchRefused} / {ContendedWrites}", "0", ""],
            [$"PATCH /scale p50, {ContendedWrites} sequential, same status writes", Ms(Percentile(scale, 0.5)), "", ""],
            ["PATCH /scale p99", Ms(Percentile(scale, 0.99)), "", ""],
            ["PATCH /scale refused", $"{scaleRefused} / {ContendedWrites}", "0", ""],
            ["status writes during both", statusWrites.ToString("N0", CultureInfo.InvariantCulture), "", ""],
        ];
    }

    private static async Task<(List<double> Latencies, int Refused)> TimeWritesAsync(
        HttpClient client, string path, string contentType, Func<int, string> body, CancellationToken cancellationToken)
    {
        var latencies = new List<double>(ContendedWrites);
        var refused = 0;
        for (var i = 0; i < ContendedWrites; i++)
        {
            var started = Stopwatch.GetTimestamp();
            if (!await SendAsync(client, HttpMethod.Patch, path, contentType, body(i), cancellationToken, throwOnFailure: false))
                refused++;
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return (latencies, refused);
    }

    private static async Task<bool> SendAsync(HttpClient client, HttpMethod method, string path, string contentType, string body,
        CancellationToken cancellationToken, bool throwOnFailure = true)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var response = await client.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode && throwOnFailure)
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        return response.IsSuccessStatusCode;
    }

    private const string DeploymentJson = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"bench"},
         "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},
                 "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}
        """;
}
