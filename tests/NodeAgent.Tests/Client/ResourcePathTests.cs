using GitOps.NodeAgent.Client;

namespace GitOps.NodeAgent.Tests.Client;

public sealed class ResourcePathTests
{
    [Fact]
    public void Core_and_group_paths_follow_the_Kubernetes_layout()
    {
        Assert.Equal("/api/v1/nodes/n1", ResourcePath.Node("n1").ToUrlPath());
        Assert.Equal("/api/v1/pods", ResourcePath.Pods().ToUrlPath());
        Assert.Equal("/api/v1/namespaces/default/pods/web-1/status", ResourcePath.Pod("default", "web-1").ToUrlPath("status"));
        Assert.Equal("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n1", ResourcePath.Lease("kube-node-lease", "n1").ToUrlPath());
    }

    [Fact]
    public void A_subresource_of_a_collection_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ResourcePath.Pods("default").ToUrlPath("status"));
        Assert.Contains("status", error.Message);
    }

    [Fact]
    public void List_options_become_escaped_query_parameters()
    {
        var query = new ListOptions(FieldSelector: "spec.nodeName=n1", ResourceVersion: "42", AllowWatchBookmarks: true).ToQuery(watch: true);

        Assert.Equal("?watch=true&fieldSelector=spec.nodeName%3Dn1&resourceVersion=42&allowWatchBookmarks=true", query);
    }

    [Fact]
    public void Backoff_grows_exponentially_with_jitter_and_stays_under_its_cap()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

        for (var attempt = 0; attempt < 10; attempt++)
        {
            var delay = backoff.DelayFor(attempt);
            var ceiling = Math.Min(100 * Math.Pow(2, attempt), 1000);
            Assert.InRange(delay.TotalMilliseconds, ceiling / 2, ceiling);
        }
    }
}
