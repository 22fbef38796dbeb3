using System.Net;
using GitOps.Gateway.Tests.Infrastructure;

namespace GitOps.Gateway.Tests.Watch;

public sealed class WatchShutdownTests
{
    [Fact]
    public async Task Stopping_the_server_ends_open_watches_instead_of_waiting_out_their_timeout()
    {
        var host = await GatewayHost.StartAsync(memoryStore: true);
        await using var watch = await WatchClient.OpenAsync(host.Client, $"{Objects.PodsPath("shutdown")}?watch=true&timeoutSeconds=600");
        Assert.Equal(HttpStatusCode.OK, watch.Response.StatusCode);

        var stopping = host.DisposeAsync().AsTask();

        Assert.True(await watch.EndsWithinAsync(TimeSpan.FromSeconds(10)), "the watch stream stayed open while the server stopped");
        await stopping.WaitAsync(TimeSpan.FromSeconds(15));
    }
}
