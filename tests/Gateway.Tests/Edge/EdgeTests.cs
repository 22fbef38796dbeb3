using System.Net;
using GitOps.Gateway.Tests.Infrastructure;
using Npgsql;

namespace GitOps.Gateway.Tests.Edge;

/// <summary>What the gateway refuses at its edge: bodies of other types (415), foreign Host names (400), and exception text in a 500.</summary>
public sealed class EdgeTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly HttpClient _client = fixture.Client;

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/vnd.kubernetes.protobuf")]
    public async Task A_body_a_page_could_send_without_a_preflight_or_protobuf_is_UnsupportedMediaType(string contentType)
    {
        var name = $"plain-{Guid.NewGuid():N}"[..20];
        var pod = Objects.Pod("edge", name).ToJsonString();

        var answer = await _client.SendAsync(HttpMethod.Post, Objects.PodsPath("edge"), pod, contentType);
        var gitOps = await _client.SendAsync(HttpMethod.Post, "/api/gitops/sources", """{"name":"x","url":"file:///tmp"}""", contentType);
        var webhook = await _client.SendAsync(HttpMethod.Post, "/api/gitops/webhook", """{"ref":"refs/heads/main"}""", contentType);

        foreach (var refused in new[] { answer, gitOps, webhook })
        {
            Assert.True(refused.Code == HttpStatusCode.UnsupportedMediaType, $"{contentType}: {refused}");
            Assert.Equal("UnsupportedMediaType", refused.Reason);
            Assert.Contains("json", refused.Message, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetJsonAsync(Objects.PodPath("edge", name))).Code);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("APPLICATION/JSON")]
    [InlineData("application/yaml")]
    public async Task Json_and_yaml_bodies_with_parameters_are_accepted(string contentType)
    {
        var name = $"typed-{Math.Abs(contentType.GetHashCode()):x}";
        var created = await _client.SendAsync(HttpMethod.Post, Objects.PodsPath("edge"), Objects.Pod("edge", name).ToJsonString(), contentType);

        Assert.True(created.Code == HttpStatusCode.Created, $"{contentType}: {created}");
    }

    [Fact]
    public async Task A_request_without_a_body_needs_no_content_type()
    {
        await _client.PostJsonAsync(Objects.PodsPath("edge"), Objects.Pod("edge", "deleted"));

        var deleted = await _client.SendAsync(HttpMethod.Delete, Objects.PodPath("edge", "deleted"), null, null);

        Assert.Equal(HttpStatusCode.OK, deleted.Code);
    }

    [Theory]
    [InlineData("evil.example.com")]
    [InlineData("evil.example.com:8080")]
    [InlineData("localhost.evil.example.com")]
    public async Task A_host_name_the_silo_does_not_serve_is_BadRequest(string host)
    {
        var (code, text) = await GetWithHostAsync(_client, host);

        Assert.True(code == HttpStatusCode.BadRequest, $"{(int)code} {text}");
        Assert.Contains("does not serve the host", text);
        Assert.Contains("Gateway:AllowedHosts", text);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST:1234")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]:8080")]
    [InlineData("10.1.2.3")]
    public async Task Local_names_and_ip_addresses_are_served(string host)
    {
        var (code, text) = await GetWithHostAsync(_client, host);

        Assert.True(code == HttpStatusCode.OK, $"{(int)code} {text}");
    }

    [Fact]
    public async Task A_configured_host_name_is_served_and_a_star_serves_every_name()
    {
        await using var named = await GatewayHost.StartAsync(settings: new Dictionary<string, string?> { ["Gateway:AllowedHosts:0"] = "gitops.internal" }, memoryStore: true);
        await using var any = await GatewayHost.StartAsync(settings: new Dictionary<string, string?> { ["Gateway:AllowedHosts:0"] = "*" }, memoryStore: true);

        Assert.Equal(HttpStatusCode.OK, (await GetWithHostAsync(named.Client, "gitops.internal")).Code);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetWithHostAsync(named.Client, "other.internal")).Code);
        Assert.Equal(HttpStatusCode.OK, (await GetWithHostAsync(any.Client, "other.internal")).Code);
    }

    [Fact]
    public async Task An_unexpected_error_is_a_500_with_a_correlation_id_and_without_the_exceptions_text()
    {
        await using var host = await GatewayHost.StartAsync();
        await using (var connection = new NpgsqlConnection(host.ConnectionString))
        {
            await connection.OpenAsync();
            await using var rename = new NpgsqlCommand("ALTER TABLE resources RENAME TO resources_gone", connection);
            await rename.ExecuteNonQueryAsync();
        }

        var answer = await host.Client.GetJsonAsync(Objects.PodPath("default", "anything"));

        Assert.True(answer.Code == HttpStatusCode.InternalServerError, answer.ToString());
        Assert.Equal("InternalError", answer.Reason);
        Assert.Matches("correlation id [^ ]+$", answer.Message);
        Assert.DoesNotContain("resources", answer.Text.Replace("/api/v1/namespaces/default/pods/anything", ""));
        Assert.DoesNotContain("42P01", answer.Text);
        Assert.DoesNotContain("Npgsql", answer.Text);
    }

    private static async Task<(HttpStatusCode Code, string Text)> GetWithHostAsync(HttpClient client, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces");
        request.Headers.Host = host;
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
