using System.Globalization;
using GitOps.Model.Objects;

namespace GitOps.Store.Writes;

/// <summary>
/// Applies a batch of writes, in order, to the stored state of their keys: checks each write's
/// precondition on its own, assigns consecutive resourceVersions to the writes that succeed and
/// stamps them into the objects. Shared by both providers so their semantics are identical; the
/// PostgreSQL provider applies the same rules in SQL to batches of creates and updates of distinct
/// keys (<see cref="PostgreSql.OneTripWrite"/>), held to them by the same provider tests.
/// </summary>
internal static class WritePlanner
{
    public static WritePlan Plan(
        IReadOnlyList<ResourceWrite> writes,
        IReadOnlyDictionary<ResourceKey, StoredState> stored,
        long currentResourceVersion)
    {
        var results = new WriteResult[writes.Count];
        var changes = new List<ChangeEvent>();
        var working = new Dictionary<ResourceKey, StoredState?>();
        var needingObject = new List<int>();
        var version = currentResourceVersion;

        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            var current = working.TryGetValue(write.Key, out var changed) ? changed : stored.GetValueOrDefault(write.Key);
            var result = PlanOne(write, current, ref version, changes);
            if (result.Succeeded)
                working[write.Key] = write.Kind == WriteKind.Delete ? null : new StoredState(result.ResourceVersion, result.Object);
            else if (result.Outcome is WriteOutcome.Conflict or WriteOutcome.AlreadyExists && result.Object is null)
                needingObject.Add(i);
            results[i] = result;
        }

        var finalStates = working.ToDictionary(e => e.Key, e => e.Value?.Object);
        return new WritePlan(results, changes, finalStates, needingObject, version);
    }

    /// <summary>Throws for a write that is a programming error (no object, or an object whose key differs).</summary>
    public static void Validate(ResourceWrite write)
    {
        if (string.IsNullOrEmpty(write.Key.Kind) || string.IsNullOrEmpty(write.Key.Name))
            throw new ArgumentException($"The write's key '{write.Key}' has no kind or name; every stored object needs both.", nameof(write));
        if (write.Kind == WriteKind.Delete)
            return;
        if (write.Object is null)
            throw new ArgumentException($"A {write.Kind} of '{write.Key}' needs an object.", nameof(write));
        var objectKey = ResourceKey.Of(write.Object);
        if (objectKey != write.Key)
            throw new ArgumentException($"The object's key '{objectKey}' differs from the write's key '{write.Key}'.", nameof(write));
    }

    /// <summary>A copy of <paramref name="obj"/> carrying <paramref name="resourceVersion"/>; the caller's object is left as it was.</summary>
    public static KubeObject Stamp(KubeObject obj, long resourceVersion)
    {
        var copy = obj.DeepClone();
        copy.Metadata.ResourceVersion = resourceVersion.ToString(CultureInfo.InvariantCulture);
        return copy;
    }

    private static WriteResult PlanOne(ResourceWrite write, StoredState? current, ref long version, List<ChangeEvent> changes)
    {
        switch (write.Kind)
        {
            case WriteKind.Create:
                if (current is not null)
                    return new WriteResult(WriteOutcome.AlreadyExists, current.ResourceVersion, current.Object);
                return Commit(ChangeType.Added, write, write.Object!, ref version, changes);
            case WriteKind.Update:
                if (current is null)
                    return new WriteResult(WriteOutcome.NotFound, 0, null);
                if (write.ExpectedResourceVersion is { } expectedForUpdate && expectedForUpdate != current.ResourceVersion)
                    return new WriteResult(WriteOutcome.Conflict, current.ResourceVersion, current.Object);
                return Commit(ChangeType.Modified, write, write.Object!, ref version, changes);
            default:
                if (current is null)
                    return new WriteResult(WriteOutcome.NotFound, 0, null);
                if (write.ExpectedResourceVersion is { } expectedForDelete && expectedForDelete != current.ResourceVersion)
                    return new WriteResult(WriteOutcome.Conflict, current.ResourceVersion, current.Object);
                var last = current.Object ?? throw new InvalidOperationException(
                    $"The store did not load '{write.Key}' before deleting it; a provider must load the objects a batch deletes.");
                return Commit(ChangeType.Deleted, write, last, ref version, changes);
        }
    }

    private static WriteResult Commit(ChangeType type, ResourceWrite write, KubeObject obj, ref long version, List<ChangeEvent> changes)
    {
        version++;
        var stamped = Stamp(obj, version);
        changes.Add(new ChangeEvent(version, type, write.Key, stamped));
        return new WriteResult(WriteOutcome.Ok, version, stamped);
    }
}
