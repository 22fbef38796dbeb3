using System.Net;
using System.Text.Json.Nodes;
using GitOps.Gateway.Tests.Infrastructure;

namespace GitOps.Gateway.Tests.Errors;

public sealed class StatusErrorTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public async Task Unknown_object_is_NotFound_Status_naming_it()
    {
        var answer = await _client.GetJsonAsync(Objects.PodPath("errors", "missing"));

        AssertStatus(answer, HttpStatusCode.NotFound, "NotFound");
        Assert.Equal("pods \"missing\" not found", answer.Message);
        Assert.Equal("missing", answer.Object["details"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_resource_and_unknown_path_are_NotFound_Status()
    {
        AssertStatus(await _client.GetJsonAsync("/api/v1/namespaces/errors/widgets"), HttpStatusCode.NotFound, "NotFound");
        AssertStatus(await _client.GetJsonAsync("/apis/nothing.example/v1/things"), HttpStatusCode.NotFound, "NotFound");
        AssertStatus(await _client.GetJsonAsync("/api/v1/a/b/c/d/e/f"), HttpStatusCode.NotFound, "NotFound");
    }

    [Fact]
    public async Task Pod_logs_and_exec_are_NotFound_Status_saying_where_the_output_is()
    {
        var logs = await _client.GetJsonAsync(Objects.PodPath("errors", "web") + "/log?container=main");
        var exec = await _client.SendAsync(HttpMethod.Post, Objects.PodPath("errors", "web") + "/exec?command=ls", null, null);
        var other = await _client.GetJsonAsync("/apis/apps/v1/namespaces/errors/deployments/web/rollback");

        AssertStatus(logs, HttpStatusCode.NotFound, "NotFound");
        Assert.Contains("pods/log is not served", logs.Message);
        Assert.Contains("<container>/<restartCount>.log", logs.Message);
        AssertStatus(exec, HttpStatusCode.NotFound, "NotFound");
        Assert.Contains("pods/exec is not served", exec.Message);
        AssertStatus(other, HttpStatusCode.NotFound, "NotFound");
        Assert.Contains("deployments/rollback is not served", other.Message);
    }

    [Fact]
    public async Task Unsupported_method_is_MethodNotAllowed_Status()
    {
        var answer = await _client.SendAsync(HttpMethod.Post, Objects.PodPath("errors", "x"), "{}", "application/json");

        AssertStatus(answer, HttpStatusCode.MethodNotAllowed, "MethodNotAllowed");
    }

    [Fact]
    public async Task Invalid_name_is_Invalid_with_a_field_cause()
    {
        var answer = await _client.PostJsonAsync(Objects.PodsPath("errors"), Objects.Pod("errors", "Bad_Name"));

        AssertStatus(answer, HttpStatusCode.UnprocessableEntity, "Invalid");
        var cause = answer.Object["details"]!["causes"]!.AsArray().First()!;
        Assert.Equal("metadata.name", cause["field"]!.GetValue<string>());
        Assert.Contains("Bad_Name", cause["message"]!.GetValue<string>());
        Assert.StartsWith("Pod \"Bad_Name\" is invalid", answer.Message);
    }

    [Fact]
    public async Task Malformed_json_is_BadRequest_with_line_and_column()
    {
        var answer = await _client.SendAsync(HttpMethod.Post, Objects.PodsPath("errors"), "{\n  \"kind\": \"Pod\",\n  oops\n}", "application/json");

        AssertStatus(answer, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Contains("line 3", answer.Message);
    }

    [Fact]
    public async Task Yaml_bodies_are_accepted_and_malformed_yaml_is_BadRequest_with_its_line()
    {
        const string yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: errors\ndata:\n  mode: fast\n";
        var created = await _client.SendAsync(HttpMethod.Post, "/api/v1/namespaces/errors/configmaps", yaml, "application/yaml");
        Assert.Equal(HttpStatusCode.Created, created.Code);
        Assert.Equal("fast", created.Object["data"]!["mode"]!.GetValue<string>());

        var broken = await _client.SendAsync(HttpMethod.Post, "/api/v1/namespaces/errors/configmaps",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n", "application/yaml");
        AssertStatus(broken, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Contains("line", broken.Message);
    }

    [Fact]
    public async Task Body_over_the_limit_is_RequestEntityTooLarge()
    {
        var pod = Objects.Pod("errors", "huge");
        pod["metadata"]!["annotations"] = new JsonObject { ["blob"] = new string('x', 4 * 1024 * 1024) };

        var answer = await _client.PostJsonAsync(Objects.PodsPath("errors"), pod);

        AssertStatus(answer, HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge");
        Assert.Contains("Gateway:MaxRequestBodyBytes", answer.Message);
    }

    [Fact]
    public async Task Wrong_kind_for_the_path_and_namespace_mismatch_are_BadRequest()
    {
        var wrongKind = await _client.PostJsonAsync(Objects.PodsPath("errors"), Objects.Deployment("errors", "web"));
        AssertStatus(wrongKind, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Contains("takes Pod objects", wrongKind.Message);

        var otherNamespace = await _client.PostJsonAsync(Objects.PodsPath("errors"), Objects.Pod("elsewhere", "web"));
        AssertStatus(otherNamespace, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Contains("does not match the namespace", otherNamespace.Message);
    }

    [Fact]
    public async Task Name_in_the_body_that_differs_from_the_path_is_BadRequest()
    {
        await _client.PostJsonAsync(Objects.PodsPath("errors"), Objects.Pod("errors", "named"));

        var answer = await _client.PutJsonAsync(Objects.PodPath("errors", "named"), Objects.Pod("errors", "other"));

        AssertStatus(answer, HttpStatusCode.BadRequest, "BadRequest");
        Assert.Contains("does not match the name on the URL", answer.Message);
    }

    [Theory]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("watch=maybe", "watch")]
    [InlineData("timeoutSeconds=soon", "timeoutSeconds")]
    [InlineData("labelSelector=app%20in%20(", "labelSelector")]
    [InlineData("fieldSelector=nooperator", "fieldSelector")]
    [InlineData("resourceVersion=abc", "resourceVersion")]
    [InlineData("includeObject=All", "includeObject")]
    public async Task Invalid_query_values_are_BadRequest_naming_the_parameter(string query, string parameter)
    {
        var answer = await _client.GetJsonAsync($"{Objects.PodsPath("errors")}?{query}");

        AssertStatus(answer, HttpStatusCode.BadRequest, "BadRequest");
        Assert.StartsWith($"invalid {parameter} ", answer.Message);
    }

    [Fact]
    public async Task Unsupported_patch_type_and_protobuf_bodies_are_UnsupportedMediaType()
    {
        await _client.PostJsonAsync(Objects.PodsPath("errors"), Objects.Pod("errors", "patchme"));

        var unknown = await _client.SendAsync(HttpMethod.Patch, Objects.PodPath("errors", "patchme"), "{}", "application/apply-patch+cbor");
        AssertStatus(unknown, HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType");
        Assert.Contains("application/apply-patch+yaml", unknown.Message);

        var protobuf = await _client.SendAsync(HttpMethod.Post, Objects.PodsPath("errors"), "k8s\0", "application/vnd.kubernetes.protobuf");
        AssertStatus(protobuf, HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType");
        Assert.Contains("kubectl create -f", protobuf.Message);
    }

    private static void AssertStatus(Api.Answer answer, HttpStatusCode code, string reason)
    {
        Assert.True(code == answer.Code, $"expected {(int)code}, got {answer}");
        Assert.Equal("Status", answer.Object["kind"]!.GetValue<string>());
        Assert.Equal("v1", answer.Object["apiVersion"]!.GetValue<string>());
        Assert.Equal("Failure", answer.Object["status"]!.GetValue<string>());
        Assert.Equal((int)code, answer.Object["code"]!.GetValue<int>());
        Assert.Equal(reason, answer.Reason);
    }
}
