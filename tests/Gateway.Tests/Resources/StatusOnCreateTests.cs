using System.Net;
using System.Text.Json.Nodes;
using GitOps.Gateway.Tests.Infrastructure;
using GitOps.Model.Registry;

namespace GitOps.Gateway.Tests.Resources;

/// <summary>What POST does with the status a client sends, kind by kind, as kube-apiserver's PrepareForCreate does.</summary>
public sealed class StatusOnCreateTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Namespace = "status-on-create";

    private readonly HttpClient _client = fixture.Client;

    public static TheoryData<string, string> BuiltInKinds()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in KindRegistry.BuiltIn.Where(k => k.IsStored))
            data.Add(kind.Group, kind.Kind);
        return data;
    }

    [Theory]
    [InlineData("networking.k8s.io/v1", "ingresses", "Ingress")]
    [InlineData("v1", "resourcequotas", "ResourceQuota")]
    public async Task A_status_sent_with_an_Ingress_or_ResourceQuota_is_cleared(string apiVersion, string plural, string kind)
    {
        var path = $"{(apiVersion == "v1" ? "/api/v1" : "/apis/" + apiVersion)}/namespaces/{Namespace}/{plural}";

        var created = await _client.PostJsonAsync(path, WithSentStatus(apiVersion, kind, "cleared"));

        Assert.Equal(HttpStatusCode.Created, created.Code);
        Assert.Null(created.Object["status"]);
        var read = await _client.GetJsonAsync($"{path}/cleared");
        Assert.Equal(HttpStatusCode.OK, read.Code);
        Assert.Null(read.Object["status"]);
    }

    [Theory]
    [MemberData(nameof(BuiltInKinds))]
    public async Task Create_applies_the_status_rule_of_every_built_in_kind(string group, string kindName)
    {
        var kind = KindRegistry.Find(group, kindName)!;
        var name = "sent-" + kind.Singular;
        var path = (group.Length == 0 ? "/api/v1" : $"/apis/{group}/{kind.Version}")
            + (kind.Namespaced ? $"/namespaces/{Namespace}/" : "/") + kind.Plural;

        var created = await _client.PostJsonAsync(path, WithSentStatus(kind.ApiVersion, kind.Kind, name));

        Assert.True(created.Code == HttpStatusCode.Created, created.ToString());
        var status = created.Object["status"];
        if (!kind.StatusOnCreate.Resets)
            Assert.Equal("by-client", status?["sentBy"]?.GetValue<string>());
        else if (kind.StatusOnCreate.Phase is { } phase)
            Assert.Equal(new JsonObject { ["phase"] = phase }.ToJsonString(), status?.ToJsonString());
        else
            Assert.Null(status);
    }

    private static JsonObject WithSentStatus(string apiVersion, string kind, string name) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = ValidSpec(kind),
        ["status"] = new JsonObject { ["sentBy"] = "by-client" },
    };

    /// <summary>A spec the kind's own checks accept, for the kinds that have them.</summary>
    private static JsonNode? ValidSpec(string kind)
    {
        const string podSpec = """{"containers":[{"name":"main","image":"nginx:1.27"}],"restartPolicy":"RESTART"}""";
        const string template = """{"metadata":{"labels":{"app":"sent"}},"spec":POD}""";
        var workload = """{"selector":{"matchLabels":{"app":"sent"}},"template":TEMPLATE}""".Replace("TEMPLATE", template).Replace("POD", podSpec).Replace("RESTART", "Always");
        var job = """{"template":{"spec":POD}}""".Replace("POD", podSpec).Replace("RESTART", "Never");
        var json = kind switch
        {
            "Pod" => podSpec.Replace("RESTART", "Always"),
            "Deployment" or "ReplicaSet" or "StatefulSet" or "DaemonSet" => workload,
            "Job" => job,
            "CronJob" => """{"schedule":"*/5 * * * *","jobTemplate":{"spec":JOB}}""".Replace("JOB", job),
            _ => null,
        };
        return json is null ? null : JsonNode.Parse(json);
    }
}
