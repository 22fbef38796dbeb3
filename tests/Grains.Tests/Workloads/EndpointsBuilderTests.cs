using GitOps.Grains.Controllers.Workloads.Endpoints;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using static GitOps.Grains.Tests.Workloads.Objects;

namespace GitOps.Grains.Tests.Workloads;

public sealed class EndpointsBuilderTests
{
    private static Service WebService()
    {
        var service = Service.Create("default", "web");
        service.Metadata.Uid = "uid-svc";
        service.Metadata.SetLabel("tier", "frontend");
        service.Metadata.SetLabel(GitOpsMetadata.SourceLabel, "apps");
        service.Selector = new Dictionary<string, string> { ["app"] = "web" };
        service.Ports = [new ServicePort(80, "http", TargetPort: "http"), new ServicePort(9090, "metrics", TargetPort: 9100)];
        return service;
    }

    [Fact]
    public void Ready_pods_are_addresses_and_others_not_ready_addresses_with_named_ports_resolved()
    {
        var pods = new[]
        {
            Pod(null, "b", ip: "10.0.0.2", node: "node-2"),
            Pod(null, "a", ip: "10.0.0.1", node: "node-1"),
            Pod(null, "starting", ip: "10.0.0.3", ready: false),
            Pod(null, "no-ip", ip: null),
            Pod(null, "leaving", ip: "10.0.0.4", terminating: true),
            Pod(null, "other-app", ip: "10.0.0.5", app: "other"),
        };

        var subset = Assert.Single(EndpointsBuilder.Subsets(WebService(), pods));

        Assert.Equal(["10.0.0.1", "10.0.0.2"], subset.Addresses.Select(a => a.Ip));
        Assert.Equal(new ObjectReference("Pod", "default", "a", "uid-a"), subset.Addresses[0].TargetRef);
        Assert.Equal("node-1", subset.Addresses[0].NodeName);
        Assert.Equal(["10.0.0.3"], subset.NotReadyAddresses.Select(a => a.Ip));
        Assert.Equal([new EndpointPort(8080, "http"), new EndpointPort(9100, "metrics")], subset.Ports);
    }

    [Fact]
    public void Endpoints_are_owned_by_the_service_and_do_not_carry_git_labels()
    {
        var service = WebService();

        var endpoints = EndpointsBuilder.Build(service, [Pod(null, "a")]);

        Assert.Equal(("web", "default"), (endpoints.Metadata.Name, endpoints.Metadata.Namespace));
        Assert.Equal("uid-svc", endpoints.Metadata.ControllerReference?.Uid);
        Assert.Equal("frontend", endpoints.Metadata.GetLabel("tier"));
        Assert.Null(endpoints.Metadata.GetLabel(GitOpsMetadata.SourceLabel));
        Assert.False(EndpointsBuilder.NeedsUpdate(EndpointsBuilder.Build(service, [Pod(null, "a")]), endpoints));
        Assert.True(EndpointsBuilder.NeedsUpdate(EndpointsBuilder.Build(service, [Pod(null, "a", ready: false)]), endpoints));
    }

    [Fact]
    public void Service_without_selector_has_no_managed_endpoints()
    {
        var service = WebService();
        service.Selector = new Dictionary<string, string>();

        Assert.Null(EndpointsBuilder.SelectorOf(service));
        Assert.Empty(EndpointsBuilder.Subsets(service, [Pod(null, "a")]));
    }
}
