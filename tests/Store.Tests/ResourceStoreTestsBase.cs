using GitOps.Model.Objects;

namespace GitOps.Store.Tests;

/// <summary>
/// The conformance suite of <see cref="IResourceStore"/>: every provider runs it through a thin
/// subclass that says how to create a fresh, empty store.
/// </summary>
public abstract partial class ResourceStoreTestsBase : IAsyncLifetime
{
    protected static readonly CancellationToken Ct = CancellationToken.None;

    private readonly List<IResourceStore> _stores = [];

    protected IResourceStore Store { get; private set; } = null!;

    /// <summary>A new store over fresh, empty storage.</summary>
    protected abstract Task<IResourceStore> CreateEmptyStoreAsync();

    /// <summary>A second store over the same storage as <see cref="Store"/> (another process, for PostgreSQL).</summary>
    protected abstract Task<IResourceStore> CreateStoreOverSameStorageAsync();

    public async Task InitializeAsync() => Store = Track(await CreateEmptyStoreAsync());

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            if (store is IAsyncDisposable disposable)
                await disposable.DisposeAsync();
        }
    }

    protected IResourceStore Track(IResourceStore store)
    {
        _stores.Add(store);
        return store;
    }

    protected async Task<WriteResult> CreateAsync(KubeObject obj)
    {
        var result = await Store.WriteAsync(ResourceWrite.Create(obj), Ct);
        Assert.Equal(WriteOutcome.Ok, result.Outcome);
        return result;
    }

    protected async Task<List<ChangeEvent>> ReadAllChangesAsync(long after = 0)
    {
        var all = new List<ChangeEvent>();
        for (var round = 0; round < 10_000; round++)
        {
            var batch = await Store.ReadChangesAsync(after, 500, Ct);
            Assert.False(batch.Expired);
            if (batch.Events.Count == 0)
                return all;
            all.AddRange(batch.Events);
            after = batch.Events[^1].ResourceVersion;
        }
        throw new InvalidOperationException("The change log did not end within 10,000 reads.");
    }

    protected static List<string> Names(ListPage page) => page.Items.Select(i => $"{i.Metadata.Namespace}/{i.Metadata.Name}").ToList();
}
