using GitOps.GitSync.Options;
using Microsoft.Extensions.Options;

namespace GitOps.GitSync.Sync;

/// <summary>
/// The syncs this silo runs at once (<see cref="GitOpsOptions.MaxConcurrentSyncs"/>). A source beyond waits its turn,
/// first come first served, and its status shows its place in the queue.
/// </summary>
public sealed class SyncSlots(IOptions<GitOpsOptions> options)
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentSyncs, options.Value.MaxConcurrentSyncs);
    private readonly Lock _lock = new();
    private readonly List<string> _waiting = [];

    /// <summary>Waits for a free slot; call <see cref="Leave"/> when the sync ends.</summary>
    public async Task EnterAsync(string source, CancellationToken cancellationToken)
    {
        lock (_lock)
            _waiting.Add(source);
        try
        {
            await _slots.WaitAsync(cancellationToken);
        }
        finally
        {
            lock (_lock)
                _waiting.Remove(source);
        }
    }

    public void Leave() => _slots.Release();

    /// <summary>The source's place among the syncs waiting for a slot (1: next), null when it is not waiting.</summary>
    public int? PositionOf(string source)
    {
        lock (_lock)
        {
            var index = _waiting.IndexOf(source);
            return index < 0 ? null : index + 1;
        }
    }
}
