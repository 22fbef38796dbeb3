using System.Text;
using GitOps.Runtime.Storage;

namespace GitOps.Runtime.Tests.Storage;

/// <summary>What every <see cref="IGrainStorage"/> provider must do; one thin subclass per provider.</summary>
public abstract class GrainStorageConformanceTests : IAsyncLifetime
{
    private static readonly GrainId Grain = new("Tests.Counter", "c1");
    private IGrainStorage _storage = null!;

    protected abstract Task<IGrainStorage> CreateStorageAsync();

    protected virtual Task DisposeStorageAsync(IGrainStorage storage) => Task.CompletedTask;

    public async Task InitializeAsync() => _storage = await CreateStorageAsync();

    public Task DisposeAsync() => DisposeStorageAsync(_storage);

    [Fact]
    public async Task Reading_a_missing_record_returns_null()
    {
        Assert.Null(await _storage.ReadAsync(Grain, "state", CancellationToken.None));
    }

    [Fact]
    public async Task A_first_write_creates_the_record_with_an_etag()
    {
        var etag = await _storage.WriteAsync(Grain, "state", Bytes("one"), null, CancellationToken.None);

        var record = await _storage.ReadAsync(Grain, "state", CancellationToken.None);
        Assert.NotNull(etag);
        Assert.Equal("one", Text(record!.Data));
        Assert.Equal(etag, record.ETag);
    }

    [Fact]
    public async Task A_write_with_the_current_etag_replaces_the_data_and_changes_the_etag()
    {
        var first = await _storage.WriteAsync(Grain, "state", Bytes("one"), null, CancellationToken.None);

        var second = await _storage.WriteAsync(Grain, "state", Bytes("two"), first, CancellationToken.None);

        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        Assert.Equal("two", Text((await _storage.ReadAsync(Grain, "state", CancellationToken.None))!.Data));
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_keeps_the_stored_data()
    {
        var first = await _storage.WriteAsync(Grain, "state", Bytes("one"), null, CancellationToken.None);
        var second = await _storage.WriteAsync(Grain, "state", Bytes("two"), first, CancellationToken.None);

        Assert.Null(await _storage.WriteAsync(Grain, "state", Bytes("stale"), first, CancellationToken.None));
        Assert.Null(await _storage.WriteAsync(Grain, "state", Bytes("stale"), null, CancellationToken.None));
        Assert.Null(await _storage.WriteAsync(Grain, "state", Bytes("stale"), "not-an-etag", CancellationToken.None));

        var record = await _storage.ReadAsync(Grain, "state", CancellationToken.None);
        Assert.Equal("two", Text(record!.Data));
        Assert.Equal(second, record.ETag);
    }

    [Fact]
    public async Task A_write_expecting_a_record_that_does_not_exist_is_refused()
    {
        Assert.Null(await _storage.WriteAsync(Grain, "state", Bytes("one"), "1", CancellationToken.None));
        Assert.Null(await _storage.ReadAsync(Grain, "state", CancellationToken.None));
    }

    [Fact]
    public async Task Clearing_with_the_current_etag_removes_the_record_and_a_stale_etag_is_refused()
    {
        var first = await _storage.WriteAsync(Grain, "state", Bytes("one"), null, CancellationToken.None);
        var second = await _storage.WriteAsync(Grain, "state", Bytes("two"), first, CancellationToken.None);

        Assert.False(await _storage.ClearAsync(Grain, "state", first, CancellationToken.None));
        Assert.True(await _storage.ClearAsync(Grain, "state", second, CancellationToken.None));

        Assert.Null(await _storage.ReadAsync(Grain, "state", CancellationToken.None));
        Assert.True(await _storage.ClearAsync(Grain, "state", null, CancellationToken.None));
    }

    [Fact]
    public async Task A_record_created_again_after_a_clear_never_reuses_an_old_etag()
    {
        var first = await _storage.WriteAsync(Grain, "state", Bytes("one"), null, CancellationToken.None);
        Assert.True(await _storage.ClearAsync(Grain, "state", first, CancellationToken.None));

        var recreated = await _storage.WriteAsync(Grain, "state", Bytes("again"), null, CancellationToken.None);

        Assert.NotEqual(first, recreated);
        Assert.Null(await _storage.WriteAsync(Grain, "state", Bytes("stale"), first, CancellationToken.None));
    }

    [Fact]
    public async Task Records_are_kept_apart_by_grain_type_key_and_state_name()
    {
        await _storage.WriteAsync(Grain, "a", Bytes("a"), null, CancellationToken.None);
        await _storage.WriteAsync(Grain, "b", Bytes("b"), null, CancellationToken.None);
        await _storage.WriteAsync(Grain with { Key = "c2" }, "a", Bytes("other key"), null, CancellationToken.None);
        await _storage.WriteAsync(Grain with { Type = "Tests.Other" }, "a", Bytes("other type"), null, CancellationToken.None);

        Assert.Equal("a", Text((await _storage.ReadAsync(Grain, "a", CancellationToken.None))!.Data));
        Assert.Equal("b", Text((await _storage.ReadAsync(Grain, "b", CancellationToken.None))!.Data));
        Assert.Equal("other key", Text((await _storage.ReadAsync(Grain with { Key = "c2" }, "a", CancellationToken.None))!.Data));
        Assert.Equal("other type", Text((await _storage.ReadAsync(Grain with { Type = "Tests.Other" }, "a", CancellationToken.None))!.Data));
    }

    [Fact]
    public async Task Of_concurrent_writes_with_the_same_etag_exactly_one_wins()
    {
        var first = await _storage.WriteAsync(Grain, "state", Bytes("base"), null, CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => _storage.WriteAsync(Grain, "state", Bytes($"w{i}"), first, CancellationToken.None)));

        var winner = Assert.Single(results, r => r is not null);
        Assert.Equal(winner, (await _storage.ReadAsync(Grain, "state", CancellationToken.None))!.ETag);
    }

    [Fact]
    public async Task Concurrent_writes_to_many_grains_all_commit_with_their_own_data()
    {
        var grains = Enumerable.Range(0, 300).Select(i => Grain with { Key = $"k{i}" }).ToList();

        var etags = await Task.WhenAll(grains.Select(g => _storage.WriteAsync(g, "state", Bytes(g.Key), null, CancellationToken.None)));
        var updated = await Task.WhenAll(grains.Select((g, i) => _storage.WriteAsync(g, "state", Bytes(g.Key + "!"), etags[i], CancellationToken.None)));

        Assert.All(updated, Assert.NotNull);
        foreach (var grain in grains)
            Assert.Equal(grain.Key + "!", Text((await _storage.ReadAsync(grain, "state", CancellationToken.None))!.Data));
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] data) => Encoding.UTF8.GetString(data);
}
