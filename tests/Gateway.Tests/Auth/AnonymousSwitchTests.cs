using System.Net;
using System.Net.Http.Headers;
using GitOps.Gateway.Tests.Infrastructure;

namespace GitOps.Gateway.Tests.Auth;

/// <summary>The test-only anonymous switch (on in <see cref="GatewayHost"/>): no token passes, a bad token still does not.</summary>
public sealed class AnonymousSwitchTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Without_a_token_the_request_passes_as_anonymous()
    {
        using var response = await fixture.Host.Client.GetAsync("/api/v1/namespaces/default/pods");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_bad_token_is_refused_even_when_anonymous_calls_are_allowed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces/default/pods");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "nobody-issued-this");
        using var response = await fixture.Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
