using GitOps.Grains.Resources;
using GitOps.Grains.Tests.Support;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using static GitOps.Grains.Tests.Workloads.Objects;

namespace GitOps.Grains.Tests.Workloads;

public sealed class EndpointsControllerTests
{
    private static readonly ResourceKey EndpointsKey = new("", GitOps.Model.Kinds.Endpoints.Kind, "default", "web");

    [Fact]
    public async Task Endpoints_follow_pod_readiness_and_go_with_the_service()
    {
        await using var scenario = await WorkloadScenario.StartAsync();
        var service = Service.Create("default", "web");
        service.Selector = new Dictionary<string, string> { ["app"] = "web" };
        service.Ports = [new ServicePort(80, "http", TargetPort: "http")];
        var stored = await scenario.Host.CreateAsync(service.Object);
        await scenario.ApplyAsync(Deployment(replicas: 2));

        await ControllerTestHost.EventuallyAsync(() => scenario.Kubelet.StartingAsync("web"), pods => pods.Count == 2, "two pods are bound");
        var pods = await scenario.Kubelet.StartingAsync("web");
        await scenario.Kubelet.SetReadyAsync(pods[0], ready: false);
        await scenario.Kubelet.SetReadyAsync(pods[1], ready: true);

        var subset = await SubsetAsync(scenario, s => s.Addresses.Count == 1 && s.NotReadyAddresses.Count == 1, "one ready and one not-ready address");
        Assert.Equal(pods[1].Name, subset.Addresses[0].TargetRef?.Name);
        Assert.Equal(pods[0].Name, subset.NotReadyAddresses[0].TargetRef?.Name);
        Assert.Equal([new EndpointPort(8080, "http")], subset.Ports);

        await scenario.Kubelet.SetReadyAsync((await scenario.Kubelet.PodsAsync("web")).Single(p => p.Name == pods[0].Name));
        await SubsetAsync(scenario, s => s.Addresses.Count == 2 && s.NotReadyAddresses.Count == 0, "both addresses ready");

        await scenario.Host.Grain(ResourceKey.Of(stored)).DeleteAsync(new DeleteRequest(), CancellationToken.None);
        await ControllerTestHost.EventuallyAsync(() => scenario.Host.GetAsync(EndpointsKey), e => e is null, "the Endpoints are deleted with the Service");
    }

    private static async Task<EndpointSubset> SubsetAsync(WorkloadScenario scenario, Func<EndpointSubset, bool> done, string what)
    {
        var endpoints = await ControllerTestHost.EventuallyAsync(() => scenario.Host.GetAsync(EndpointsKey),
            e => e is not null && new GitOps.Model.Kinds.Endpoints(e).Subsets is [var only] && done(only), what);
        return new GitOps.Model.Kinds.Endpoints(endpoints!).Subsets[0];
    }
}
