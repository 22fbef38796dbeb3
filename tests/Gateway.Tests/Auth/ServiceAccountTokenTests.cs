using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GitOps.Gateway.Tests.Infrastructure;
using GitOps.TestSupport;

namespace GitOps.Gateway.Tests.Auth;

/// <summary>
/// ServiceAccount tokens over HTTP on two silos of one cluster (one database, one key file): issued through the TokenRequest
/// subresource on one, accepted on both, refused once the ServiceAccount is deleted or re-created.
/// </summary>
public sealed class ServiceAccountTokenTests : IAsyncLifetime
{
    private const string AdminToken = "admin-token-for-service-account-tests";
    private const string Namespace = "sa-tokens";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"gitops-authn-sa-{Guid.NewGuid():N}");
    private GatewayHost? _first;
    private GatewayHost? _second;

    private GatewayHost First => _first!;

    private GatewayHost Second => _second!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var tokenFile = Path.Combine(_directory, "tokens.csv");
        await File.WriteAllTextAsync(tokenFile, $"{AdminToken},admin,uid-admin,system:masters\n");
        var settings = new Dictionary<string, string?>
        {
            [AnonymousAccess.Setting] = "false",
            ["GitOps:Auth:TokenFile"] = tokenFile,
            ["GitOps:Auth:ServiceAccountKeyFile"] = Path.Combine(_directory, "serviceaccount-key.pem"),
        };
        _first = await GatewayHost.StartAsync(settings: settings);
        _second = await GatewayHost.StartAsync(settings: settings, connectionString: First.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_token_issued_by_one_silo_works_on_both_until_the_ServiceAccount_is_deleted()
    {
        await CreateServiceAccountAsync("robot");
        var (status, answer) = await RequestTokenAsync(First, "robot", new JsonObject());
        Assert.Equal(HttpStatusCode.Created, status);
        var token = answer["status"]!["token"]!.GetValue<string>();
        Assert.Equal(3600, answer["spec"]!["expirationSeconds"]!.GetValue<long>());
        var expires = DateTimeOffset.Parse(answer["status"]!["expirationTimestamp"]!.GetValue<string>());
        Assert.InRange(expires, DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(65));

        Assert.Equal(HttpStatusCode.OK, await GetPodsAsync(First, token));
        Assert.Equal(HttpStatusCode.OK, await GetPodsAsync(Second, token));

        Assert.Equal(HttpStatusCode.OK, await SendAsync(Second, HttpMethod.Delete, $"/api/v1/namespaces/{Namespace}/serviceaccounts/robot", AdminToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetPodsAsync(First, token));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetPodsAsync(Second, token));
    }

    [Fact]
    public async Task A_ServiceAccount_token_is_the_ServiceAccount_user_in_the_ServiceAccount_groups()
    {
        await CreateServiceAccountAsync("whoami");
        var token = (await RequestTokenAsync(First, "whoami", new JsonObject())).Answer["status"]!["token"]!.GetValue<string>();

        using var request = Request(HttpMethod.Post, "/apis/authentication.k8s.io/v1/selfsubjectreviews", token, new JsonObject());
        using var response = await Second.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var user = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!["userInfo"]!;
        Assert.Equal($"system:serviceaccount:{Namespace}:whoami", user["username"]!.GetValue<string>());
        Assert.Equal(["system:serviceaccounts", $"system:serviceaccounts:{Namespace}", "system:authenticated"],
            user["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
    }

    [Fact]
    public async Task A_token_of_a_ServiceAccount_re_created_under_the_same_name_is_refused()
    {
        await CreateServiceAccountAsync("phoenix");
        var old = (await RequestTokenAsync(First, "phoenix", new JsonObject())).Answer["status"]!["token"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, await SendAsync(First, HttpMethod.Delete, $"/api/v1/namespaces/{Namespace}/serviceaccounts/phoenix", AdminToken));
        await CreateServiceAccountAsync("phoenix");
        var fresh = (await RequestTokenAsync(First, "phoenix", new JsonObject())).Answer["status"]!["token"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.Unauthorized, await GetPodsAsync(First, old));
        Assert.Equal(HttpStatusCode.OK, await GetPodsAsync(First, fresh));
    }

    [Fact]
    public async Task A_token_with_a_changed_claim_is_refused()
    {
        await CreateServiceAccountAsync("forger");
        var token = (await RequestTokenAsync(First, "forger", new JsonObject())).Answer["status"]!["token"]!.GetValue<string>();
        var parts = token.Split('.');
        var claims = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]))!.AsObject();
        claims["sub"] = $"system:serviceaccount:{Namespace}:someone-else";
        var forged = $"{parts[0]}.{System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()))}.{parts[2]}";

        Assert.Equal(HttpStatusCode.Unauthorized, await GetPodsAsync(First, forged));
    }

    [Fact]
    public async Task Lifetimes_below_ten_minutes_are_refused_and_long_ones_are_cut_to_the_maximum()
    {
        await CreateServiceAccountAsync("timed");

        var (shortStatus, shortAnswer) = await RequestTokenAsync(First, "timed", new JsonObject { ["expirationSeconds"] = 60 });
        var (longStatus, longAnswer) = await RequestTokenAsync(First, "timed", new JsonObject { ["expirationSeconds"] = 10_000_000 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, shortStatus);
        Assert.Contains("spec.expirationSeconds", shortAnswer["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, longStatus);
        Assert.Equal(48 * 3600, longAnswer["spec"]!["expirationSeconds"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_token_for_a_ServiceAccount_that_does_not_exist_is_404()
    {
        var (status, answer) = await RequestTokenAsync(First, "nobody", new JsonObject());

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("NotFound", answer["reason"]!.GetValue<string>());
    }

    private async Task CreateServiceAccountAsync(string name)
    {
        var body = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ServiceAccount",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Namespace },
        };
        Assert.Equal(HttpStatusCode.Created, await SendAsync(First, HttpMethod.Post, $"/api/v1/namespaces/{Namespace}/serviceaccounts", AdminToken, body));
        // RBAC: the ServiceAccount may read the namespace (view), so a pod list answers 200 while its token is good.
        var binding = new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1",
            ["kind"] = "RoleBinding",
            ["metadata"] = new JsonObject { ["name"] = $"{name}-views", ["namespace"] = Namespace },
            ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = "view" },
            ["subjects"] = new JsonArray(new JsonObject { ["kind"] = "ServiceAccount", ["name"] = name, ["namespace"] = Namespace }),
        };
        var bound = await SendAsync(First, HttpMethod.Post, $"/apis/rbac.authorization.k8s.io/v1/namespaces/{Namespace}/rolebindings", AdminToken, binding);
        Assert.True(bound is HttpStatusCode.Created or HttpStatusCode.Conflict, $"binding {name} to view: {bound}");
    }

    private static async Task<(HttpStatusCode Status, JsonObject Answer)> RequestTokenAsync(GatewayHost host, string name, JsonObject spec)
    {
        var body = new JsonObject { ["apiVersion"] = "authentication.k8s.io/v1", ["kind"] = "TokenRequest", ["spec"] = spec };
        using var request = Request(HttpMethod.Post, $"/api/v1/namespaces/{Namespace}/serviceaccounts/{name}/token", AdminToken, body);
        using var response = await host.Client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static Task<HttpStatusCode> GetPodsAsync(GatewayHost host, string token) =>
        SendAsync(host, HttpMethod.Get, $"/api/v1/namespaces/{Namespace}/pods", token);

    private static async Task<HttpStatusCode> SendAsync(GatewayHost host, HttpMethod method, string path, string token, JsonObject? body = null)
    {
        using var request = Request(method, path, token, body);
        using var response = await host.Client.SendAsync(request);
        return response.StatusCode;
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string token, JsonObject? body)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return request;
    }
}
