using System.Net;
using System.Text.Json.Nodes;
using GitOps.Gateway.Tests.Infrastructure;
using GitOps.Grains.Resources;
using GitOps.Model.Objects;

namespace GitOps.Gateway.Tests.Errors;

/// <summary>
/// Writes to fields Git owns, judged by the resource grain's ownership rule with GitSync's real
/// answer to "does the source heal?" (<see cref="RealGitGuard"/>): objects applied from source
/// "healing" (self-heal on) or "manual" (self-heal off).
/// </summary>
public sealed class GitManagedWriteTests : IAsyncLifetime
{
    private const string Path = "apps/web.yaml";
    private const string Commit = "4f2a9c1";
    private GatewayHost? _host;

    private HttpClient Client => _host!.Client;

    public async Task InitializeAsync() =>
        _host = await GatewayHost.StartAsync(RealGitGuard.Register);

    public async Task DisposeAsync() => await _host!.DisposeAsync();

    [Fact]
    public async Task Every_HTTP_write_that_changes_a_Git_owned_field_is_Forbidden_naming_repository_file_and_commit()
    {
        await FromGitAsync("web", "healing");
        var path = "/apis/apps/v1/namespaces/git/deployments/web";
        var current = (await Client.GetJsonAsync(path)).Object;
        var replaced = current.DeepClone().AsObject();
        replaced["spec"]!["replicas"] = 5;

        var answers = new Dictionary<string, Api.Answer>
        {
            ["put"] = await Client.PutJsonAsync(path, replaced),
            ["merge patch"] = await Client.PatchJsonAsync(path, JsonNode.Parse("""{"spec":{"replicas":5}}""")!, "application/merge-patch+json"),
            ["strategic patch"] = await Client.PatchJsonAsync(path,
                JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.28"}]}}}}""")!, "application/strategic-merge-patch+json"),
            ["json patch"] = await Client.PatchJsonAsync(path, JsonNode.Parse("""[{"op":"replace","path":"/metadata/labels/app","value":"other"}]""")!, "application/json-patch+json"),
            ["apply"] = await Client.SendAsync(HttpMethod.Patch, path + "?fieldManager=me&force=true",
                """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"git"},"spec":{"replicas":7}}""", "application/apply-patch+yaml"),
            ["scale patch"] = await Client.PatchJsonAsync(path + "/scale", JsonNode.Parse("""{"spec":{"replicas":5}}""")!, "application/merge-patch+json"),
            ["scale put"] = await Client.PutJsonAsync(path + "/scale", JsonNode.Parse("""{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web","namespace":"git"},"spec":{"replicas":5}}""")!),
            ["delete"] = await Client.DeleteJsonAsync(path),
        };

        foreach (var (verb, answer) in answers)
        {
            Assert.True(answer.Code == HttpStatusCode.Forbidden, $"{verb}: {answer.Code} {answer.Text}");
            Assert.Equal("Forbidden", answer.Reason);
            Assert.Contains(Path, answer.Message);
            Assert.Contains(RealGitGuard.Repository, answer.Message);
            Assert.Contains(Commit, answer.Message);
        }
        Assert.Contains("spec.replicas", answers["put"].Message);
        Assert.Contains("metadata.labels.app", answers["json patch"].Message);
        var after = (await Client.GetJsonAsync(path)).Object;
        Assert.Equal(ResourceVersionOf(current), ResourceVersionOf(after));
    }

    [Fact]
    public async Task A_controller_writing_a_Git_owned_field_through_the_grain_is_Forbidden_too()
    {
        var stored = await FromGitAsync("controlled", "healing");
        var grain = _host!.Grains.GetGrain<IResourceGrain>(ResourceKey.Of(stored).ToString());
        var edited = stored.DeepClone();
        edited.Spec!["replicas"] = 9;

        var update = await grain.UpdateAsync(edited, CancellationToken.None);
        var patch = await grain.PatchAsync(new PatchRequest(PatchType.Merge, """{"spec":{"replicas":9}}"""), CancellationToken.None);
        var scale = await grain.PatchAsync(new PatchRequest(PatchType.Merge, """{"spec":{"replicas":9}}""", Subresource.Scale), CancellationToken.None);
        var delete = await grain.DeleteAsync(new DeleteRequest(), CancellationToken.None);

        foreach (var result in new[] { update, patch, scale, delete })
        {
            Assert.Equal(ResourceOutcome.Forbidden, result.Outcome);
            Assert.Contains(Path, result.Message);
        }
    }

    [Fact]
    public async Task Writes_to_fields_Git_does_not_own_are_accepted_on_a_self_healed_object()
    {
        await FromGitAsync("open-web", "healing");
        var path = "/apis/apps/v1/namespaces/git/deployments/open-web";

        var status = await Client.PatchJsonAsync(path + "/status", JsonNode.Parse("""{"status":{"readyReplicas":2}}""")!, "application/merge-patch+json");
        var annotation = await Client.PatchJsonAsync(path, JsonNode.Parse("""{"metadata":{"annotations":{"team":"shop"}}}""")!, "application/merge-patch+json");
        var finalizer = await Client.PatchJsonAsync(path, JsonNode.Parse("""{"metadata":{"finalizers":["example.com/keep"]}}""")!, "application/merge-patch+json");
        var unchangedReplicas = await Client.PatchJsonAsync(path + "/scale", JsonNode.Parse("""{"spec":{"replicas":2}}""")!, "application/merge-patch+json");

        foreach (var answer in new[] { status, annotation, finalizer, unchangedReplicas })
            Assert.True(answer.Code == HttpStatusCode.OK, answer.Text);
        var stored = (await Client.GetJsonAsync(path)).Object;
        Assert.Equal("shop", stored["metadata"]!["annotations"]!["team"]!.GetValue<string>());
        Assert.Equal(2, stored["status"]!["readyReplicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Writes_to_an_object_of_a_source_without_self_heal_are_accepted()
    {
        await FromGitAsync("manual-web", "manual");
        var path = "/apis/apps/v1/namespaces/git/deployments/manual-web";

        var patch = await Client.PatchJsonAsync(path, JsonNode.Parse("""{"spec":{"replicas":5}}""")!, "application/merge-patch+json");
        var delete = await Client.DeleteJsonAsync(path);

        Assert.Equal(HttpStatusCode.OK, patch.Code);
        Assert.Equal(5, patch.Object["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, delete.Code);
    }

    private Task<KubeObject> FromGitAsync(string name, string source) =>
        RealGitGuard.ApplyFromGitAsync(_host!.Grains, Objects.Deployment("git", name), source, Path, Commit);

    private static string ResourceVersionOf(JsonObject obj) => obj["metadata"]!["resourceVersion"]!.GetValue<string>();
}
