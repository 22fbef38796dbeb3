using System.Net;
using System.Text.Json.Nodes;
using GitOps.Gateway.Tests.Infrastructure;
using GitOps.Model.Objects;

namespace GitOps.Gateway.Tests.Errors;

/// <summary>
/// Writes to Git-managed objects, judged by GitSync's real guard (<see cref="RealGitGuard"/>):
/// objects labelled with source "healing" (self-heal on) or "manual" (self-heal off).
/// </summary>
public sealed class GitManagedWriteTests : IAsyncLifetime
{
    private GatewayHost? _host;

    private HttpClient Client => _host!.Client;

    public async Task InitializeAsync() =>
        _host = await GatewayHost.StartAsync(RealGitGuard.Register);

    public async Task DisposeAsync() => await _host!.DisposeAsync();

    [Fact]
    public async Task Update_patch_and_delete_of_a_self_healed_object_are_Forbidden_naming_repository_file_and_commit()
    {
        await Client.PostJsonAsync("/apis/apps/v1/namespaces/git/deployments", Managed(Objects.Deployment("git", "web"), "healing"));
        var path = "/apis/apps/v1/namespaces/git/deployments/web";

        var patch = await Client.PatchJsonAsync(path, JsonNode.Parse("""{"spec":{"replicas":5}}""")!, "application/merge-patch+json");
        var current = (await Client.GetJsonAsync(path)).Object;
        var put = await Client.PutJsonAsync(path, current);
        var delete = await Client.DeleteJsonAsync(path);

        foreach (var answer in new[] { patch, put, delete })
        {
            Assert.Equal(HttpStatusCode.Forbidden, answer.Code);
            Assert.Equal("Forbidden", answer.Reason);
            Assert.Contains("apps/web.yaml", answer.Message);
            Assert.Contains(RealGitGuard.Repository, answer.Message);
            Assert.Contains("4f2a9c1", answer.Message);
        }
        Assert.Equal(2, (await Client.GetJsonAsync(path)).Object["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Writes_to_an_object_of_a_source_without_self_heal_are_accepted()
    {
        await Client.PostJsonAsync("/apis/apps/v1/namespaces/git/deployments", Managed(Objects.Deployment("git", "manual-web"), "manual"));

        var patch = await Client.PatchJsonAsync("/apis/apps/v1/namespaces/git/deployments/manual-web",
            JsonNode.Parse("""{"spec":{"replicas":5}}""")!, "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, patch.Code);
        Assert.Equal(5, patch.Object["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Status_writes_to_a_self_healed_object_are_accepted_because_Git_does_not_own_status()
    {
        await Client.PostJsonAsync("/apis/apps/v1/namespaces/git/deployments", Managed(Objects.Deployment("git", "status-web"), "healing"));

        var patch = await Client.PatchJsonAsync("/apis/apps/v1/namespaces/git/deployments/status-web/status",
            JsonNode.Parse("""{"status":{"readyReplicas":2}}""")!, "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, patch.Code);
    }

    private static JsonObject Managed(JsonObject obj, string source)
    {
        obj["metadata"]!["labels"]![GitOpsMetadata.SourceLabel] = source;
        obj["metadata"]!["annotations"] = new JsonObject
        {
            [GitOpsMetadata.RepositoryAnnotation] = RealGitGuard.Repository,
            [GitOpsMetadata.PathAnnotation] = "apps/web.yaml",
            [GitOpsMetadata.CommitAnnotation] = "4f2a9c1",
        };
        return obj;
    }
}
