using GitOps.Runtime.Placement;
using GitOps.Runtime.Storage;

namespace GitOps.Runtime.Tests.Storage;

/// <summary>What every <see cref="IReminderTable"/> provider must do; one thin subclass per provider.</summary>
public abstract class ReminderTableConformanceTests : IAsyncLifetime
{
    protected const int ShardCount = GrainRuntimeOptions.DefaultShardCount;
    private static readonly GrainId Grain = new("Tests.Remindable", "r1");
    private static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);
    private IReminderTable _table = null!;

    protected abstract Task<IReminderTable> CreateTableAsync();

    protected virtual Task DisposeTableAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => _table = await CreateTableAsync();

    public Task DisposeAsync() => DisposeTableAsync();

    [Fact]
    public async Task An_upserted_row_reads_back_with_its_schedule_and_etag()
    {
        var etag = await _table.UpsertRowAsync(new ReminderEntry(Grain, "resync", Start, TimeSpan.FromSeconds(30)), CancellationToken.None);

        var row = await _table.ReadRowAsync(Grain, "resync", CancellationToken.None);

        Assert.Equal(new ReminderEntry(Grain, "resync", Start, TimeSpan.FromSeconds(30), etag), row);
    }

    [Fact]
    public async Task Upserting_again_replaces_the_schedule_and_changes_the_etag()
    {
        var first = await _table.UpsertRowAsync(new ReminderEntry(Grain, "resync", Start, TimeSpan.FromSeconds(30)), CancellationToken.None);

        var second = await _table.UpsertRowAsync(new ReminderEntry(Grain, "resync", Start.AddHours(1), TimeSpan.FromMinutes(5)), CancellationToken.None);

        Assert.NotEqual(first, second);
        var row = await _table.ReadRowAsync(Grain, "resync", CancellationToken.None);
        Assert.Equal(Start.AddHours(1), row!.StartAt);
        Assert.Equal(TimeSpan.FromMinutes(5), row.Period);
    }

    [Fact]
    public async Task Removing_needs_the_current_etag()
    {
        var first = await _table.UpsertRowAsync(new ReminderEntry(Grain, "resync", Start, TimeSpan.FromSeconds(30)), CancellationToken.None);
        var second = await _table.UpsertRowAsync(new ReminderEntry(Grain, "resync", Start, TimeSpan.FromSeconds(60)), CancellationToken.None);

        Assert.False(await _table.RemoveRowAsync(Grain, "resync", first, CancellationToken.None));
        Assert.True(await _table.RemoveRowAsync(Grain, "resync", second, CancellationToken.None));

        Assert.Null(await _table.ReadRowAsync(Grain, "resync", CancellationToken.None));
        Assert.False(await _table.RemoveRowAsync(Grain, "resync", second, CancellationToken.None));
    }

    [Fact]
    public async Task Rows_are_read_per_grain()
    {
        await _table.UpsertRowAsync(new ReminderEntry(Grain, "a", Start, TimeSpan.FromSeconds(30)), CancellationToken.None);
        await _table.UpsertRowAsync(new ReminderEntry(Grain, "b", Start, TimeSpan.FromSeconds(30)), CancellationToken.None);
        await _table.UpsertRowAsync(new ReminderEntry(Grain with { Key = "other" }, "a", Start, TimeSpan.FromSeconds(30)), CancellationToken.None);

        var rows = await _table.ReadRowsAsync(Grain, CancellationToken.None);

        Assert.Equal(["a", "b"], rows.Select(r => r.ReminderName).Order());
    }

    [Fact]
    public async Task Rows_are_read_per_shard_range()
    {
        var grains = Enumerable.Range(0, 40).Select(i => Grain with { Key = $"g{i}" }).ToList();
        foreach (var grain in grains)
            await _table.UpsertRowAsync(new ReminderEntry(grain, "tick", Start, TimeSpan.FromSeconds(30)), CancellationToken.None);
        const int half = ShardCount / 2;

        var low = await _table.ReadRowsAsync(0, half - 1, CancellationToken.None);
        var high = await _table.ReadRowsAsync(half, ShardCount - 1, CancellationToken.None);

        Assert.Equal(grains.Where(g => GrainShard.Of(g, ShardCount) < half).Select(g => g.Key).Order(), low.Select(r => r.GrainId.Key).Order());
        Assert.Equal(grains.Where(g => GrainShard.Of(g, ShardCount) >= half).Select(g => g.Key).Order(), high.Select(r => r.GrainId.Key).Order());
        Assert.NotEmpty(low);
        Assert.NotEmpty(high);
    }
}
