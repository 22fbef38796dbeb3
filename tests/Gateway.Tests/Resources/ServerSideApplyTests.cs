using System.Net;
using System.Text.Json.Nodes;
using GitOps.Gateway.Tests.Infrastructure;

namespace GitOps.Gateway.Tests.Resources;

/// <summary>Server-side apply (application/apply-patch+yaml) over HTTP on PostgreSQL.</summary>
public sealed class ServerSideApplyTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly HttpClient _client = fixture.Client;

    private static string DeploymentPath(string ns, string name) => $"/apis/apps/v1/namespaces/{ns}/deployments/{name}";

    private Task<Api.Answer> ApplyAsync(string path, JsonObject intent, string manager, bool force = false) =>
        _client.SendAsync(HttpMethod.Patch, $"{path}?fieldManager={manager}{(force ? "&force=true" : "")}", intent.ToJsonString(), "application/apply-patch+yaml");

    [Fact]
    public async Task Apply_creates_the_object_and_records_the_managers_fields()
    {
        var answer = await ApplyAsync(DeploymentPath("ssa-create", "web"), Objects.Deployment("ssa-create", "web", replicas: 3), "ci");

        Assert.Equal(HttpStatusCode.Created, answer.Code);
        var entry = answer.Object["metadata"]!["managedFields"]!.AsArray().Single()!;
        Assert.Equal("ci", entry["manager"]!.GetValue<string>());
        Assert.Equal("Apply", entry["operation"]!.GetValue<string>());
        Assert.NotNull(entry["fieldsV1"]!["f:spec"]!["f:replicas"]);
        Assert.Equal(3, answer.Object["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Reapplying_removes_what_the_manager_stopped_declaring_and_keeps_what_others_set()
    {
        var path = DeploymentPath("ssa-update", "web");
        var first = Objects.Deployment("ssa-update", "web").Also(d => d["spec"]!["minReadySeconds"] = 5);
        Assert.Equal(HttpStatusCode.Created, (await ApplyAsync(path, first, "ci")).Code);
        var patched = await _client.PatchJsonAsync(path, new JsonObject { ["spec"] = new JsonObject { ["paused"] = true } }, "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, patched.Code);

        var answer = await ApplyAsync(path, Objects.Deployment("ssa-update", "web", replicas: 4), "ci");

        Assert.Equal(HttpStatusCode.OK, answer.Code);
        var spec = answer.Object["spec"]!;
        Assert.Equal(4, spec["replicas"]!.GetValue<int>());
        Assert.Null(spec["minReadySeconds"]);
        Assert.True(spec["paused"]!.GetValue<bool>());
        Assert.Equal(3, answer.Object["metadata"]!["generation"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_field_another_applier_owns_with_another_value_is_a_Conflict_until_forced()
    {
        var path = DeploymentPath("ssa-conflict", "web");
        Assert.Equal(HttpStatusCode.Created, (await ApplyAsync(path, Objects.Deployment("ssa-conflict", "web", replicas: 2), "team-a")).Code);
        Assert.Equal(HttpStatusCode.OK, (await ApplyAsync(path, Objects.Deployment("ssa-conflict", "web", replicas: 2), "team-b")).Code);

        var refused = await ApplyAsync(path, Objects.Deployment("ssa-conflict", "web", replicas: 7), "team-b");

        Assert.Equal(HttpStatusCode.Conflict, refused.Code);
        Assert.Equal("Conflict", refused.Reason);
        Assert.Contains("conflict with \"team-a\": .spec.replicas", refused.Message);
        var cause = refused.Object["details"]!["causes"]!.AsArray().Single()!;
        Assert.Equal("FieldManagerConflict", cause["reason"]!.GetValue<string>());
        Assert.Equal(".spec.replicas", cause["field"]!.GetValue<string>());

        var forced = await ApplyAsync(path, Objects.Deployment("ssa-conflict", "web", replicas: 7), "team-b", force: true);

        Assert.Equal(HttpStatusCode.OK, forced.Code);
        Assert.Equal(7, forced.Object["spec"]!["replicas"]!.GetValue<int>());
        var teamA = forced.Object["metadata"]!["managedFields"]!.AsArray().Single(e => e!["manager"]!.GetValue<string>() == "team-a")!;
        Assert.Null(teamA["fieldsV1"]!["f:spec"]!["f:replicas"]);
        Assert.NotNull(teamA["fieldsV1"]!["f:spec"]!["f:selector"]);
    }

    [Fact]
    public async Task Apply_without_a_field_manager_or_to_another_name_is_BadRequest()
    {
        var noManager = await _client.SendAsync(HttpMethod.Patch, DeploymentPath("ssa-bad", "web"),
            Objects.Deployment("ssa-bad", "web").ToJsonString(), "application/apply-patch+yaml");
        var wrongName = await ApplyAsync(DeploymentPath("ssa-bad", "api"), Objects.Deployment("ssa-bad", "web"), "ci");

        Assert.Equal(HttpStatusCode.BadRequest, noManager.Code);
        Assert.Contains("fieldManager is required", noManager.Message);
        Assert.Equal(HttpStatusCode.BadRequest, wrongName.Code);
        Assert.Contains("does not match the name on the URL", wrongName.Message);
    }
}
