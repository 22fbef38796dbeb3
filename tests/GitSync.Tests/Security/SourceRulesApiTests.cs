using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using GitOps.GitSync.Sync;
using GitOps.GitSync.Tests.Support;
using GitOps.TestSupport;
using static GitOps.GitSync.Tests.Support.Manifests;

namespace GitOps.GitSync.Tests.Security;

/// <summary>What a source added through the API may point at, and where a configured credential may be sent.</summary>
public sealed class SourceRulesApiTests
{
    private static readonly Action<TestRepository> Seed = repo => repo.Write("apps/config.yaml", ConfigMap("default", "settings"));

    [Fact]
    public async Task A_credential_is_refused_for_a_url_outside_its_prefixes_and_no_connection_reaches_that_url()
    {
        // Two listeners that accept and count connections: the forbidden URL's, and a control one the credential may go to.
        using var forbidden = new CountingListener();
        using var allowed = new CountingListener();
        await using var scenario = await SyncScenario.CreateAsync(Seed, settings: new Dictionary<string, string?>
        {
            ["GitOps:Credentials:deploy:Token"] = "s3cret-token",
            ["GitOps:Credentials:deploy:UrlPrefixes:0"] = "https://git.example.com/acme/",
            ["GitOps:Credentials:deploy:UrlPrefixes:1"] = $"https://127.0.0.1:{allowed.Port}/acme/",
            ["GitOps:Credentials:legacy:Token"] = "other-token",
        });
        var url = $"https://127.0.0.1:{forbidden.Port}/acme/repo.git";

        var refused = await scenario.Host.Client.PostAsJsonAsync("/api/gitops/sources",
            new { name = "stolen", url, credentials = "deploy", pollInterval = "1s" });
        var problem = await ErrorsOf(refused);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("'deploy'", problem);
        Assert.Contains(url, problem);
        Assert.Contains("https://git.example.com/acme/", problem);
        // A prefix matches whole path segments: "/acme" does not cover "/acme-evil".
        var sibling = await scenario.Host.Client.PostAsJsonAsync("/api/gitops/sources",
            new { name = "sibling", url = $"https://127.0.0.1:{allowed.Port}/acme-evil/repo.git", credentials = "deploy" });
        Assert.Equal(HttpStatusCode.BadRequest, sibling.StatusCode);
        // A credential without prefixes is for configured sources only.
        var legacy = await scenario.Host.Client.PostAsJsonAsync("/api/gitops/sources",
            new { name = "legacy", url = $"https://127.0.0.1:{allowed.Port}/acme/repo.git", credentials = "legacy" });
        Assert.Equal(HttpStatusCode.BadRequest, legacy.StatusCode);
        Assert.Contains("UrlPrefixes", await ErrorsOf(legacy));

        // The control: under a prefix, the same kind of source is added and git does connect.
        var accepted = await scenario.Host.Client.PostAsJsonAsync("/api/gitops/sources",
            new { name = "granted", url = $"https://127.0.0.1:{allowed.Port}/acme/repo.git", credentials = "deploy", pollInterval = "1h" });
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        await scenario.Host.WaitForRunAsync("granted", 1, TimeSpan.FromSeconds(90));
        Assert.True(allowed.Connections > 0, "git never connected to the allowed URL, so the listener would not have seen a forbidden one either");

        Assert.Equal(0, forbidden.Connections);
        var names = (await scenario.Host.GetJsonAsync<JsonElement>("/api/gitops/sources")).EnumerateArray().Select(s => s.GetProperty("name").GetString());
        Assert.DoesNotContain("stolen", names);
    }

    [Fact]
    public async Task Ext_file_git_and_local_path_urls_from_the_api_are_refused_while_a_configured_file_source_syncs()
    {
        await using var scenario = await SyncScenario.CreateAsync(Seed);
        using var other = TestRepository.Create();
        other.Write("infra/config.yaml", ConfigMap("default", "infra")).Commit("infra");
        var marker = Path.Combine(Path.GetTempPath(), $"gitops-ext-ran-{Guid.NewGuid():n}");

        foreach (var url in new[] { $"ext::sh -c touch% {marker}", other.Url, other.Directory, "git://127.0.0.1/repo.git", "fd::3" })
        {
            var response = await scenario.Host.Client.PostAsJsonAsync("/api/gitops/sources", new { name = "local", url, pollInterval = "1s" });
            var body = await ErrorsOf(response);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url} was answered {(int)response.StatusCode}: {body}");
            Assert.Contains("Url", body);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Host.Client.GetAsync("/api/gitops/sources/local")).StatusCode);
        Assert.False(File.Exists(marker), "the ext:: command ran");

        var configured = await scenario.Host.WaitForRunAsync(SyncScenario.SourceName, 1);
        Assert.Equal(SyncRunResult.Succeeded, configured.LastRun!.Result);
        Assert.StartsWith("file://", scenario.Repository.Url);
    }

    [Fact]
    public async Task Http_is_refused_without_allowInsecureHttp_and_synced_with_it()
    {
        await using var scenario = await SyncScenario.CreateAsync(Seed);
        using var other = TestRepository.Create();
        other.Write("infra/config.yaml", ConfigMap("default", "over-http")).Commit("infra");
        await using var http = await GitHttpServer.StartAsync(TestRepository.RootDirectory, CancellationToken.None);

        var refused = await scenario.Host.Client.PostAsJsonAsync("/api/gitops/sources", new { name = "plain", url = other.HttpUrl(http) });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("allowInsecureHttp", await ErrorsOf(refused));

        var accepted = await scenario.Host.Client.PostAsJsonAsync("/api/gitops/sources",
            new { name = "plain", url = other.HttpUrl(http), pollInterval = "1h", allowInsecureHttp = true });
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.True((await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("allowInsecureHttp").GetBoolean());
        var run = await scenario.Host.WaitForRunAsync("plain", 1);
        Assert.Equal(SyncRunResult.Succeeded, run.LastRun!.Result);
        Assert.NotNull(await scenario.Host.GetAsync("", "ConfigMap", "default", "over-http"));
    }

    /// <summary>The messages of a validation problem (JSON escapes quotes, so the text is read, not the bytes).</summary>
    private static async Task<string> ErrorsOf(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.TryGetProperty("errors", out var errors)
            ? string.Join("\n", errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray()).Select(m => m.GetString()))
            : problem.ToString();
    }

    /// <summary>A TCP listener on 127.0.0.1 that accepts every connection, counts it and closes it.</summary>
    private sealed class CountingListener : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private int _connections;

        public CountingListener()
        {
            _listener.Start();
            _ = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Connections => Volatile.Read(ref _connections);

        public void Dispose() => _listener.Stop();

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    using var client = await _listener.AcceptTcpClientAsync();
                    Interlocked.Increment(ref _connections);
                }
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }
    }
}
