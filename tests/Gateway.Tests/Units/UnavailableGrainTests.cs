using System.Text.Json.Nodes;
using GitOps.Gateway.Hosting;
using GitOps.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;

namespace GitOps.Gateway.Tests.Units;

/// <summary>
/// A request that fails because its grain's silo just died, because this silo is stopping or because the store is
/// unreachable is a 503 Status with Retry-After, which clients retry; any other failure stays a 500.
/// </summary>
public sealed class UnavailableGrainTests
{
    [Fact]
    public async Task A_grain_on_a_dead_silo_is_a_503_the_client_retries()
    {
        var context = await InvokeAsync(new SiloUnavailableException("silo S127.0.0.1:11111 is dead"), stopping: false);

        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal("ServiceUnavailable", Body(context)["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_request_cut_short_by_the_silo_stopping_is_a_503()
    {
        var context = await InvokeAsync(new OperationCanceledException(), stopping: true);

        Assert.Equal(503, context.Response.StatusCode);
        Assert.Contains("shutting down", Body(context)["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_store_outage_inside_Orleans_own_exception_is_a_503_with_the_store_message()
    {
        var store = new ResourceStoreUnavailableException("The resource store is unreachable (PostgreSQL: Failed to connect); retry once the database is back.");
        var context = await InvokeAsync(new OrleansException("Error from storage provider during ReadStateAsync", store), stopping: false);

        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal(store.Message, Body(context)["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Any_other_failure_stays_a_500()
    {
        var context = await InvokeAsync(new InvalidOperationException("boom"), stopping: false);

        Assert.Equal(500, context.Response.StatusCode);
    }

    private static async Task<HttpContext> InvokeAsync(Exception failure, bool stopping)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/api/v1/namespaces/default/pods/web";
        context.Response.Body = new MemoryStream();
        var middleware = new KubeErrorMiddleware(_ => throw failure, new Lifetime(stopping), NullLogger<KubeErrorMiddleware>.Instance);
        await middleware.InvokeAsync(context);
        return context;
    }

    private static JsonObject Body(HttpContext context) =>
        JsonNode.Parse(((MemoryStream)context.Response.Body).ToArray())!.AsObject();

    private sealed class Lifetime(bool stopping) : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => new(true);

        public CancellationToken ApplicationStopping => new(stopping);

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
