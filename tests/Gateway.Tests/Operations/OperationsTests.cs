using System.Net;
using GitOps.Gateway.Tests.Infrastructure;

namespace GitOps.Gateway.Tests.Operations;

public sealed class OperationsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public async Task Healthz_and_readyz_report_each_check()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetJsonAsync("/healthz")).Code);

        var ready = await _client.GetJsonAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, ready.Code);
        Assert.Equal("Healthy", ready.Object["status"]!.GetValue<string>());
        var checks = ready.Object["checks"]!.AsObject();
        foreach (var check in new[] { "resource-store", "grain-runtime", "watch-cache" })
            Assert.Equal("Healthy", checks[check]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Metrics_expose_requests_by_route_and_code_with_latency_histograms()
    {
        await _client.GetJsonAsync(Objects.PodsPath("ops"));
        await _client.GetJsonAsync(Objects.PodPath("ops", "missing"));

        var metrics = await _client.GetJsonAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, metrics.Code);
        Assert.StartsWith("text/plain", metrics.Response.Content.Headers.ContentType!.ToString());
        Assert.Contains("# TYPE gitops_http_requests_total counter", metrics.Text);
        Assert.Contains("gitops_http_requests_total{route=\"/api/v1/namespaces/{namespace}/{resource}/{name}\",method=\"GET\",code=\"404\"} 1", metrics.Text);
        Assert.Contains("# TYPE gitops_http_request_duration_seconds histogram", metrics.Text);
        Assert.Contains("gitops_http_request_duration_seconds_bucket{route=\"/api/v1/namespaces/{namespace}/{resource}\",method=\"GET\",le=\"+Inf\"}", metrics.Text);
        Assert.Contains("gitops_storage_duration_seconds_count{operation=\"list\"}", metrics.Text);
        Assert.Contains("gitops_watch_connections", metrics.Text);
        Assert.Contains("gitops_grain_activations", metrics.Text);
    }

    [Fact]
    public async Task Swagger_documents_the_resource_routes_with_summaries()
    {
        var swagger = await _client.GetJsonAsync("/swagger/v1/swagger.json");

        Assert.Equal(HttpStatusCode.OK, swagger.Code);
        var operation = swagger.Object["paths"]!["/api/v1/namespaces/{namespace}/{resource}/{name}"]!["get"]!;
        Assert.Equal("Read a namespaced core (v1) object", operation["summary"]!.GetValue<string>());
        Assert.NotNull(swagger.Object["paths"]!["/apis/{group}/{version}/namespaces/{namespace}/{resource}"]!["post"]);
        Assert.NotNull(swagger.Object["paths"]!["/metrics"]);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetJsonAsync("/swagger/index.html")).Code);
    }

    [Fact]
    public async Task Root_redirects_to_the_dashboard_page_which_polls_the_gitops_status()
    {
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Host.Address };
        var root = await noRedirect.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/dashboard", root.Headers.Location!.ToString());

        var page = await _client.GetJsonAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, page.Code);
        Assert.Contains("/api/gitops/status", page.Text);
        Assert.DoesNotContain("<script src=", page.Text);
    }
}
