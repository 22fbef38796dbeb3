using GitOps.Model.Objects;
using GitOps.Model.Selectors;
using static GitOps.Store.Tests.TestObjects;

namespace GitOps.Store.Tests;

public abstract partial class ResourceStoreTestsBase
{
    [Fact]
    public async Task List_pages_with_limit_and_continue_and_counts_the_remaining_items()
    {
        for (var i = 0; i < 7; i++)
            await CreateAsync(Pod("default", $"p{i}"));

        var first = await Store.ListAsync(new ListQuery(PodType, Limit: 3), Ct);
        var second = await Store.ListAsync(new ListQuery(PodType, Limit: 3, Continue: first.Continue), Ct);
        var third = await Store.ListAsync(new ListQuery(PodType, Limit: 3, Continue: second.Continue), Ct);

        Assert.Equal(["default/p0", "default/p1", "default/p2"], Names(first));
        Assert.Equal(4, first.RemainingItemCount);
        Assert.Equal(["default/p3", "default/p4", "default/p5"], Names(second));
        Assert.Equal(1, second.RemainingItemCount);
        Assert.Equal(["default/p6"], Names(third));
        Assert.Null(third.Continue);
        Assert.Equal(first.ResourceVersion, third.ResourceVersion);
    }

    [Fact]
    public async Task List_pages_apply_the_selector_to_every_page()
    {
        for (var i = 0; i < 6; i++)
            await CreateAsync(Pod("default", $"p{i}", Labels($"app={(i % 2 == 0 ? "web" : "db")}")));
        var selector = new LabelSelector([new LabelRequirement("app", SelectorOperator.Equals, ["web"])]);

        var first = await Store.ListAsync(new ListQuery(PodType, Labels: selector, Limit: 2), Ct);
        var second = await Store.ListAsync(new ListQuery(PodType, Labels: selector, Limit: 2, Continue: first.Continue), Ct);

        Assert.Equal(["default/p0", "default/p2"], Names(first));
        Assert.Equal(["default/p4"], Names(second));
        Assert.Null(second.Continue);
    }

    [Fact]
    public async Task Later_pages_show_the_snapshot_of_the_first_page_despite_writes_in_between()
    {
        for (var i = 0; i < 9; i++)
            await CreateAsync(Pod("default", $"p{i}", Labels("app=web", $"gen=0")));
        var first = await Store.ListAsync(new ListQuery(PodType, Limit: 3), Ct);

        await Store.WriteAsync(ResourceWrite.Delete(new ResourceKey("", "Pod", "default", "p4")), Ct);
        await Store.WriteAsync(ResourceWrite.Update(Pod("default", "p5", Labels("app=db", "gen=1"))), Ct);
        await Store.WriteAsync(ResourceWrite.Create(Pod("default", "p45")), Ct);
        await Store.WriteAsync(ResourceWrite.Delete(new ResourceKey("", "Pod", "default", "p7")), Ct);
        await Store.WriteAsync(ResourceWrite.Create(Pod("default", "p7", Labels("gen=2"))), Ct);
        await Store.WriteAsync(ResourceWrite.Update(Pod("default", "p7", Labels("gen=3"))), Ct);

        var rest = new List<KubeObject>();
        var next = first.Continue;
        for (var round = 0; next is not null && round < 10; round++)
        {
            var page = await Store.ListAsync(new ListQuery(PodType, Limit: 3, Continue: next), Ct);
            Assert.Equal(first.ResourceVersion, page.ResourceVersion);
            rest.AddRange(page.Items);
            next = page.Continue;
        }

        Assert.Equal(["p3", "p4", "p5", "p6", "p7", "p8"], rest.Select(i => i.Metadata.Name!));
        Assert.All(rest, i => Assert.Equal("0", i.Metadata.GetLabel("gen")));
        Assert.All(rest, i => Assert.True(i.Metadata.ResourceVersionNumber <= first.ResourceVersion));
        var selected = await Store.ListAsync(new ListQuery(PodType, Labels: new LabelSelector([new LabelRequirement("app", SelectorOperator.Equals, ["web"])]), Limit: 100, Continue: first.Continue), Ct);
        Assert.Contains("p5", selected.Items.Select(i => i.Metadata.Name));
    }

    [Fact]
    public async Task Paging_under_concurrent_writes_neither_duplicates_nor_misses_snapshot_objects()
    {
        for (var i = 0; i < 60; i++)
            await CreateAsync(Pod($"ns{i % 3}", $"p{i:D3}", Labels("app=web")));

        using var stop = new CancellationTokenSource();
        var churn = Task.Run(async () =>
        {
            for (var n = 0; n < 2_000 && !stop.IsCancellationRequested; n++)
            {
                var target = $"p{n % 60:D3}";
                var ns = $"ns{n % 60 % 3}";
                var write = (n % 4) switch
                {
                    0 => ResourceWrite.Update(Pod(ns, target, Labels("app=web", $"n={n}"))),
                    1 => ResourceWrite.Delete(new ResourceKey("", "Pod", ns, target)),
                    2 => ResourceWrite.Create(Pod(ns, target, Labels("app=web"))),
                    _ => ResourceWrite.Create(Pod(ns, $"new-{n}")),
                };
                await Store.WriteAsync(write, Ct);
            }
        });

        var seen = new List<string>();
        var first = await Store.ListAsync(new ListQuery(PodType, Limit: 7), Ct);
                seen.AddRange(first.Items.Select(i => $"{i.Metadata.Namespace}/{i.Metadata.Name}@{i.Metadata.ResourceVersion}"));
        var next = first.Continue;
        for (var round = 0; next is not null && round < 100; round++)
        {
            await Task.Yield();
            var page = await Store.ListAsync(new ListQuery(PodType, Limit: 7, Continue: next), Ct);
            Assert.False(page.Expired);
            seen.AddRange(page.Items.Select(i => $"{i.Metadata.Namespace}/{i.Metadata.Name}@{i.Metadata.ResourceVersion}"));
            next = page.Continue;
        }
        await stop.CancelAsync();
        await churn;

        // The first page may have been taken after some churn: compare with the store as it was at that snapshot.
        var atSnapshot = await SnapshotFromChangeLogAsync(first.ResourceVersion);
        Assert.Equal(atSnapshot, seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task A_continue_token_from_before_a_compaction_answers_Expired()
    {
        for (var i = 0; i < 4; i++)
            await CreateAsync(Pod("default", $"p{i}"));
        var first = await Store.ListAsync(new ListQuery(PodType, Limit: 2), Ct);
        for (var i = 0; i < 4; i++)
            await Store.WriteAsync(ResourceWrite.Update(Pod("default", $"p{i}", Labels($"round={i}"))), Ct);

        await Store.CompactAsync(TimeSpan.Zero, keepLatest: 1, Ct);

        var next = await Store.ListAsync(new ListQuery(PodType, Limit: 2, Continue: first.Continue), Ct);
        Assert.True(next.Expired);
        Assert.Empty(next.Items);
    }

    [Fact]
    public async Task A_continue_token_survives_a_compaction_that_leaves_its_snapshot_readable()
    {
        for (var i = 0; i < 4; i++)
            await CreateAsync(Pod("default", $"p{i}"));
        await Store.WriteAsync(ResourceWrite.Delete(new ResourceKey("", "Pod", "default", "p0")), Ct);
        var first = await Store.ListAsync(new ListQuery(PodType, Limit: 1), Ct);
        await Store.CompactAsync(TimeSpan.Zero, keepLatest: 0, Ct);
        await Store.WriteAsync(ResourceWrite.Update(Pod("default", "p2", Labels("changed=yes"))), Ct);
        await Store.WriteAsync(ResourceWrite.Delete(new ResourceKey("", "Pod", "default", "p3")), Ct);

        var rest = await Store.ListAsync(new ListQuery(PodType, Continue: first.Continue), Ct);

        Assert.False(rest.Expired);
        Assert.Equal(["default/p2", "default/p3"], Names(rest));
        Assert.Null(rest.Items[0].Metadata.GetLabel("changed"));
    }

    [Fact]
    public async Task A_malformed_continue_token_answers_InvalidContinue()
    {
        var page = await Store.ListAsync(new ListQuery(PodType, Limit: 2, Continue: "not-a-token!"), Ct);

        Assert.True(page.InvalidContinue);
        Assert.Empty(page.Items);
    }

    private async Task<List<string>> SnapshotFromChangeLogAsync(long snapshot)
    {
        var state = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var change in (await ReadAllChangesAsync()).Where(c => c.ResourceVersion <= snapshot && c.Key.Kind == "Pod"))
        {
            var key = $"{change.Key.Namespace}/{change.Key.Name}";
            if (change.Type == ChangeType.Deleted)
                state.Remove(key);
            else
                state[key] = $"{key}@{change.ResourceVersion}";
        }
        return state.Values.ToList();
    }
}
