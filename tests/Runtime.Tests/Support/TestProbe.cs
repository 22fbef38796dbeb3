using System.Collections.Concurrent;

namespace GitOps.Runtime.Tests.Support;

/// <summary>Shared with test grains through DI: records what grains did and holds gates they wait on.</summary>
public sealed class TestProbe
{
    private readonly ConcurrentQueue<string> _events = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, bool> _heldDeactivations = new();

    public IReadOnlyList<string> Events => [.. _events];

    public void Record(string entry) => _events.Enqueue(entry);

    public int Count(string entry) => _events.Count(e => e == entry);

    public Task Gate(string name) => _gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Open(string name) => _gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Makes the grain's OnDeactivateAsync wait for the gate "{key}:deactivate".</summary>
    public void HoldDeactivation(string key) => _heldDeactivations[key] = true;

    public bool IsDeactivationHeld(string key) => _heldDeactivations.ContainsKey(key);

    /// <summary>Waits (bounded) until the condition holds; fails the test with what was recorded otherwise.</summary>
    public async Task WaitUntilAsync(Func<TestProbe, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for {what}; recorded: {string.Join(", ", _events)}");
            await Task.Delay(20);
        }
    }
}
