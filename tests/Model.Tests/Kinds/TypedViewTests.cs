using System.Text;
using System.Text.Json.Nodes;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;
using GitOps.Model.Quantities;

namespace GitOps.Model.Tests.Kinds;

public sealed class TypedViewTests
{
    private const string PodJson = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","namespace":"default"},
         "spec":{"nodeName":"n1","restartPolicy":"OnFailure","futureField":{"a":1},
           "nodeSelector":{"disk":"ssd"},
           "tolerations":[{"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}],
           "affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[
             {"matchExpressions":[{"key":"zone","operator":"In","values":["a","b"]},{"key":"cores","operator":"Gt","values":["4"]}]}]}}},
           "initContainers":[{"name":"init","image":"busybox","resources":{"requests":{"cpu":"2","memory":"64Mi"}}}],
           "containers":[
             {"name":"app","image":"nginx:1.27","command":["nginx"],"args":["-g","daemon off;"],
              "env":[{"name":"A","value":"1"},{"name":"B","valueFrom":{"configMapKeyRef":{"name":"cm","key":"b"}}},
                     {"name":"C","valueFrom":{"secretKeyRef":{"name":"s","key":"c","optional":true}}}],
              "ports":[{"containerPort":80,"name":"http"}],
              "resources":{"requests":{"cpu":"250m","memory":"128Mi"},"limits":{"cpu":"1","memory":"256Mi"}},
              "readinessProbe":{"httpGet":{"path":"/healthz","port":"http"},"periodSeconds":5}},
             {"name":"side","image":"envoy","resources":{"limits":{"cpu":"500m"}}}]},
         "status":{"phase":"Running","podIP":"10.0.0.5","hostIP":"192.168.0.1","startTime":"2026-01-01T00:00:00Z",
           "containerStatuses":[{"name":"app","ready":true,"restartCount":2,"state":{"running":{"startedAt":"2026-01-01T00:00:01Z"}}}]}}
        """;

    [Fact]
    public void Pod_view_reads_spec_and_status()
    {
        var pod = new Pod(KubeObject.FromJson(PodJson));
        Assert.Equal("n1", pod.NodeName);
        Assert.Equal(RestartPolicies.OnFailure, pod.Spec.RestartPolicy);
        Assert.Equal(30, pod.Spec.TerminationGracePeriodSeconds);
        Assert.Equal(PodPhase.Running, pod.Phase);
        Assert.Equal("10.0.0.5", pod.PodIP);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), pod.StartTime);
        var app = pod.Spec.Containers[0];
        Assert.Equal(["nginx"], app.Command);
        Assert.Equal(["-g", "daemon off;"], app.Args);
        Assert.Equal(new KeyReference("cm", "b"), app.Env[1].ValueFrom!.ConfigMapKeyRef);
        Assert.Equal(new KeyReference("s", "c", true), app.Env[2].ValueFrom!.SecretKeyRef);
        Assert.Equal(80, app.Ports[0].Port);
        Assert.Equal(Quantity.Parse("128Mi"), app.Requests["memory"]);
        Assert.Equal(Quantity.Parse("1"), app.Limits["cpu"]);
        Assert.Equal("/healthz", app.ReadinessProbe!.HttpGetPath);
        Assert.Equal(IntOrString.FromString("http"), app.ReadinessProbe.HttpGetPort);
        Assert.Equal(5, app.ReadinessProbe.PeriodSeconds);
        Assert.Equal(3, app.ReadinessProbe.FailureThreshold);
        Assert.Single(pod.Spec.Tolerations);
        Assert.Equal(300, pod.Spec.Tolerations[0].TolerationSeconds);
        var status = Assert.Single(pod.ContainerStatuses);
        Assert.Equal(2, status.RestartCount);
        Assert.Equal(ContainerState.Running, status.State!.State);
    }

    [Fact]
    public void Pod_total_requests_sum_containers_and_take_the_largest_init_container()
    {
        var totals = new Pod(KubeObject.FromJson(PodJson)).Spec.TotalRequests;
        Assert.Equal(Quantity.Parse("2"), totals["cpu"]);
        Assert.Equal(Quantity.Parse("128Mi"), totals["memory"]);
    }

    [Fact]
    public void Pod_node_matching_uses_node_selector_and_required_affinity()
    {
        var spec = new Pod(KubeObject.FromJson(PodJson)).Spec;
        Assert.True(spec.MatchesNode(new Dictionary<string, string> { ["disk"] = "ssd", ["zone"] = "a", ["cores"] = "8" }, "n1"));
        Assert.False(spec.MatchesNode(new Dictionary<string, string> { ["disk"] = "ssd", ["zone"] = "c", ["cores"] = "8" }, "n1"));
        Assert.False(spec.MatchesNode(new Dictionary<string, string> { ["disk"] = "ssd", ["zone"] = "a", ["cores"] = "2" }, "n1"));
        Assert.False(spec.MatchesNode(new Dictionary<string, string> { ["zone"] = "a", ["cores"] = "8" }, "n1"));
    }

    [Fact]
    public void Writes_through_views_keep_unknown_fields()
    {
        var obj = KubeObject.FromJson(PodJson);
        var pod = new Pod(obj);
        pod.NodeName = "n2";
        pod.Phase = PodPhase.Succeeded;
        pod.Spec.Containers[0].SetRequests(new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse("0.5") });
        Assert.Equal(1, obj.Root["spec"]!["futureField"]!["a"]!.GetValue<int>());
        Assert.Equal("n2", obj.Root["spec"]!["nodeName"]!.GetValue<string>());
        Assert.Equal("500m", obj.Root["spec"]!["containers"]![0]!["resources"]!["requests"]!["cpu"]!.GetValue<string>());
        Assert.Equal("256Mi", obj.Root["spec"]!["containers"]![0]!["resources"]!["limits"]!["memory"]!.GetValue<string>());
    }

    [Fact]
    public void Deployment_defaults_match_kubernetes()
    {
        var d = Deployment.Create("default", "web");
        Assert.Equal(1, d.Replicas);
        Assert.Equal(Deployment.StrategyRollingUpdate, d.StrategyType);
        Assert.Equal(IntOrString.FromString("25%"), d.MaxSurge);
        Assert.Equal(IntOrString.FromString("25%"), d.MaxUnavailable);
        Assert.Equal(10, d.RevisionHistoryLimit);
        Assert.Equal(600, d.ProgressDeadlineSeconds);
        Assert.False(d.Paused);
        Assert.Null(d.Selector);
    }

    [Fact]
    public void Deployment_reads_strategy_and_selector()
    {
        var d = new Deployment(KubeObject.FromJson("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
               "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1,"maxUnavailable":0}},
               "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}
            """));
        Assert.Equal(3, d.Replicas);
        Assert.Equal(IntOrString.FromInt(1), d.MaxSurge);
        Assert.Equal(IntOrString.FromInt(0), d.MaxUnavailable);
        Assert.True(d.Selector!.Matches(d.Template.Labels));
        Assert.Equal("nginx", d.Template.Spec.Containers[0].Image);
    }

    [Fact]
    public void Node_reads_capacity_taints_and_addresses()
    {
        var node = Node.Create("n1");
        node.Capacity = new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse("4"), ["memory"] = Quantity.Parse("8Gi") };
        node.Taints = [new Taint(TaintKeys.NotReady, null, TaintEffects.NoSchedule)];
        node.Addresses = [new NodeAddress(NodeAddress.InternalIP, "10.1.0.1")];
        node.KubeletVersion = "v1.32.0";
        var reread = new Node(KubeObject.FromJson(node.Object.ToJson()));
        Assert.Equal(Quantity.Parse("8Gi"), reread.Allocatable["memory"]);
        Assert.Equal(TaintKeys.NotReady, reread.Taints[0].Key);
        Assert.Equal("10.1.0.1", reread.Addresses[0].Address);
        Assert.Equal("v1.32.0", reread.KubeletVersion);
    }

    [Fact]
    public void Secret_decodes_base64_and_applies_string_data()
    {
        var secret = new Secret(KubeObject.FromJson("""
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"data":{"user":"YWRtaW4=","bad":"***"},"stringData":{"pass":"pw"}}
            """));
        Assert.Equal("admin", secret.GetString("user"));
        Assert.Equal("pw", secret.GetString("pass"));
        Assert.False(secret.Data.ContainsKey("bad"));
        secret.SetData(new Dictionary<string, byte[]> { ["k"] = Encoding.UTF8.GetBytes("v") });
        Assert.Equal("dg==", secret.Object.Root["data"]!["k"]!.GetValue<string>());
    }

    [Fact]
    public void Service_and_endpoints_round_trip()
    {
        var service = Service.Create("default", "web");
        service.Selector = new Dictionary<string, string> { ["app"] = "web" };
        service.Ports = [new ServicePort(80, "http", TargetPort: IntOrString.FromString("http"))];
        Assert.Equal("ClusterIP", service.Type);
        Assert.Equal(IntOrString.FromString("http"), service.Ports[0].EffectiveTargetPort);

        var endpoints = Endpoints.Create("default", "web");
        endpoints.Subsets = [new EndpointSubset(
            [new EndpointAddress("10.0.0.1", NodeName: "n1", TargetRef: new ObjectReference("Pod", "default", "web-1"))],
            [new EndpointAddress("10.0.0.2")],
            [new EndpointPort(8080, "http")])];
        var subset = new Endpoints(KubeObject.FromJson(endpoints.Object.ToJson())).Subsets[0];
        Assert.Equal("web-1", subset.Addresses[0].TargetRef!.Name);
        Assert.Equal("10.0.0.2", subset.NotReadyAddresses[0].Ip);
        Assert.Equal(8080, subset.Ports[0].Port);
    }

    [Fact]
    public void Lease_writes_micro_time()
    {
        var lease = Lease.Create("kube-node-lease", "n1");
        lease.HolderIdentity = "n1";
        lease.LeaseDurationSeconds = 40;
        lease.RenewTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, 123, TimeSpan.Zero);
        Assert.Equal("2026-01-01T00:00:00.123000Z", lease.Object.Root["spec"]!["renewTime"]!.GetValue<string>());
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, 123, TimeSpan.Zero), lease.RenewTime);
    }

    [Fact]
    public void ConfigMap_data_is_read_and_written()
    {
        var cm = ConfigMap.Create("default", "c");
        cm.Data = new Dictionary<string, string> { ["a"] = "1" };
        Assert.Equal("1", cm.Data["a"]);
        Assert.IsType<JsonObject>(cm.Object.Root["data"]);
    }
}
