using System.Net;
using System.Text.Json.Nodes;
using GitOps.Gateway.Tests.Infrastructure;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;

namespace GitOps.Gateway.Tests.Resources;

/// <summary>
/// Table cells read numbers however the store hands them back: parsed from PostgreSQL's JSON, or
/// as the int a controller set in this process, which the Memory store (the silo's default) keeps.
/// </summary>
public sealed class TableColumnTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Deployment_columns_show_the_status_counts_a_controller_wrote(bool memoryStore)
    {
        await using var host = await GatewayHost.StartAsync(memoryStore: memoryStore);
        Assert.Equal(HttpStatusCode.Created, (await host.Client.PostJsonAsync("/api/v1/namespaces", Objects.Namespace("tables"))).Code);
        Assert.Equal(HttpStatusCode.Created, (await host.Client.PostJsonAsync("/apis/apps/v1/namespaces/tables/deployments", Objects.Deployment("tables", "web", replicas: 3))).Code);
        var grain = host.Grains.GetGrain<IResourceGrain>("apps/Deployment/tables/web");
        var stored = (await host.Store.GetAsync(ResourceKey.Parse("apps/Deployment/tables/web"), CancellationToken.None))!;
        stored.Status = new JsonObject { ["replicas"] = 3, ["updatedReplicas"] = 3, ["readyReplicas"] = 2, ["availableReplicas"] = 2 };
        Assert.Equal(ResourceOutcome.Updated, (await grain.UpdateStatusAsync(stored, CancellationToken.None)).Outcome);

        var table = await host.Client.GetJsonAsync("/apis/apps/v1/namespaces/tables/deployments", Api.TableAccept);

        var cells = table.Object["rows"]![0]!["cells"]!.AsArray();
        Assert.Equal("web", cells[0]!.GetValue<string>());
        Assert.Equal("2/3", cells[1]!.GetValue<string>());
        Assert.Equal(3, cells[2]!.GetValue<long>());
        Assert.Equal(2, cells[3]!.GetValue<long>());
    }
}
