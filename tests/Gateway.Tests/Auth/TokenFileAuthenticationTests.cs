using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using GitOps.Gateway.Tests.Infrastructure;
using GitOps.TestSupport;

namespace GitOps.Gateway.Tests.Auth;

/// <summary>Authentication over HTTP against a started gateway with a token file and the anonymous switch off.</summary>
public sealed class TokenFileAuthenticationTests : IAsyncLifetime
{
    private const string AliceToken = "alice-token-0123456789";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"gitops-authn-test-{Guid.NewGuid():N}");
    private GatewayHost? _host;

    private GatewayHost Host => _host!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var tokenFile = Path.Combine(_directory, "tokens.csv");
        await File.WriteAllTextAsync(tokenFile, $"# who may call\n{AliceToken},alice,uid-alice,\"dev,ops\"\n");
        _host = await GatewayHost.StartAsync(memoryStore: true, settings: new Dictionary<string, string?>
        {
            [AnonymousAccess.Setting] = "false",
            ["GitOps:Auth:TokenFile"] = tokenFile,
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData("/api/v1/pods")]
    [InlineData("/api/gitops/sources")]
    [InlineData("/version")]
    [InlineData("/metrics")]
    [InlineData("/openapi/v2")]
    [InlineData("/swagger/v1/swagger.json")]
    public async Task A_request_without_a_token_gets_401_with_an_Unauthorized_Status(string path)
    {
        using var response = await Host.Client.GetAsync(path);

        await AssertUnauthorizedAsync(response);
    }

    [Theory]
    [InlineData("Bearer not-a-known-token")]
    [InlineData("Basic YWxpY2U6c2VjcmV0")]
    [InlineData("Bearer ")]
    public async Task A_request_with_a_bad_credential_gets_401(string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/pods");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await Host.Client.SendAsync(request);

        await AssertUnauthorizedAsync(response);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/livez")]
    [InlineData("/readyz")]
    public async Task Health_probes_stay_open_without_a_token(string path)
    {
        using var response = await Host.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_user_of_the_token_file_is_let_in()
    {
        // Discovery, which RBAC's bootstrap policy lets every authenticated user read (alice has no role binding).
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AliceToken);
        using var response = await Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("APIResourceList", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_user_of_the_token_file_is_in_its_groups_and_system_authenticated()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/apis/authentication.k8s.io/v1/selfsubjectreviews");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AliceToken);
        using var response = await Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var user = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!["userInfo"]!;
        Assert.Equal("alice", user["username"]!.GetValue<string>());
        Assert.Equal("uid-alice", user["uid"]!.GetValue<string>());
        Assert.Equal(["dev", "ops", "system:authenticated"], user["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
    }

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
        Assert.Equal("Unauthorized", status["reason"]!.GetValue<string>());
        Assert.Equal(401, status["code"]!.GetValue<int>());
    }
}
