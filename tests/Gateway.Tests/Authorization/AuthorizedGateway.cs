using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using GitOps.Gateway.Tests.Infrastructure;
using GitOps.TestSupport;

namespace GitOps.Gateway.Tests.Authorization;

/// <summary>
/// A gateway with the GitOps API, authentication by a token file (anonymous access off) and these users:
/// admin (system:masters), jane, bob, carol, dave, eve (group dev), the ServiceAccount prod/builder, and the
/// nodes n1 and n2 (system:node:NAME in system:nodes), served over HTTPS so the real kubectl sends tokens.
/// Tests set up RBAC objects as admin.
/// </summary>
public sealed class AuthorizedGateway : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"gitops-rbac-test-{Guid.NewGuid():N}");
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private GatewayHost? _host;

    public GatewayHost Host => _host ?? throw new InvalidOperationException("The gateway has not started.");

    public static string TokenOf(string user) => $"{user.Replace(':', '-')}-token-0123456789";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var tokenFile = Path.Combine(_directory, "tokens.csv");
        await File.WriteAllLinesAsync(tokenFile,
        [
            $"{TokenOf("admin")},admin,uid-admin,\"system:masters\"",
            $"{TokenOf("jane")},jane,uid-jane",
            $"{TokenOf("bob")},bob,uid-bob",
            $"{TokenOf("carol")},carol,uid-carol",
            $"{TokenOf("dave")},dave,uid-dave",
            $"{TokenOf("eve")},eve,uid-eve,\"dev\"",
            $"{TokenOf("builder")},system:serviceaccount:prod:builder,uid-builder,\"system:serviceaccounts\"",
            $"{TokenOf("n1")},system:node:n1,uid-n1,\"system:nodes\"",
            $"{TokenOf("n2")},system:node:n2,uid-n2,\"system:nodes\"",
        ]);
        _host = await GatewayHost.StartAsync(memoryStore: true, gitOpsApi: true, https: true, settings: new Dictionary<string, string?>
        {
            [AnonymousAccess.Setting] = "false",
            ["GitOps:Auth:TokenFile"] = tokenFile,
            ["GitOps:CacheDirectory"] = Path.Combine(_directory, "mirrors"),
        });
    }

    /// <summary>An HTTP client that sends the token of <paramref name="user"/> (a name of the token file above).</summary>
    public HttpClient As(string user)
    {
        lock (_clients)
        {
            if (!_clients.TryGetValue(user, out var client))
            {
                client = Host.CreateClient();
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenOf(user));
                _clients[user] = client;
            }
            return client;
        }
    }

    public HttpClient Admin => As("admin");

    /// <summary>Creates an object as admin and fails the test if that is refused.</summary>
    public async Task<JsonObject> CreateAsync(string path, JsonObject obj)
    {
        var created = await Admin.PostJsonAsync(path, obj);
        Assert.True(created.Code == System.Net.HttpStatusCode.Created, $"creating at {path}: {created}");
        return created.Object;
    }

    public Task<JsonObject> CreateRoleAsync(string ns, string name, params JsonObject[] rules) =>
        CreateAsync($"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/roles", Rbac.Role(ns, name, rules));

    public Task<JsonObject> CreateClusterRoleAsync(string name, params JsonObject[] rules) =>
        CreateAsync("/apis/rbac.authorization.k8s.io/v1/clusterroles", Rbac.Role(null, name, rules));

    public Task<JsonObject> BindAsync(string ns, string name, string roleKind, string role, params JsonObject[] subjects) =>
        CreateAsync($"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/rolebindings", Rbac.Binding(ns, name, roleKind, role, subjects));

    public Task<JsonObject> BindClusterAsync(string name, string role, params JsonObject[] subjects) =>
        CreateAsync("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", Rbac.Binding(null, name, "ClusterRole", role, subjects));

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
            client.Dispose();
        if (_host is not null)
            await _host.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
