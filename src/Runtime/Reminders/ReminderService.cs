using System.Collections.Concurrent;
using GitOps.Runtime.Logging;
using GitOps.Runtime.Placement;
using GitOps.Runtime.References;
using GitOps.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace GitOps.Runtime.Reminders;

/// <summary>
/// Durable reminders: rows in <see cref="IReminderTable"/>, and a local schedule for the reminders
/// of the shards this silo owns. A tick is a normal grain call to <see cref="IRemindable.ReceiveReminder"/>,
/// which activates the grain when needed.
/// </summary>
internal sealed class ReminderService(
    GrainRuntime runtime,
    IReminderTable table,
    IGrainPlacement placement,
    GrainRuntimeOptions options,
    ILogger logger)
{
    private readonly ConcurrentDictionary<(GrainId GrainId, string Name), LocalReminder> _local = new();
    private volatile bool _stopped;

    public int LocalCount => _local.Count;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var rows = await table.ReadRowsAsync(0, placement.ShardCount - 1, cancellationToken).ConfigureAwait(false);
        var loaded = 0;
        foreach (var row in rows)
        {
            if (!placement.IsLocal(GrainShard.Of(row.GrainId, placement.ShardCount)))
                continue;
            if (!runtime.TryGetClass(row.GrainId.Type, out var grainClass) || !grainClass.IsRemindable)
                continue;
            Schedule(row);
            loaded++;
        }
        RuntimeLog.RemindersLoaded(logger, loaded);
    }

    public Task StopAsync()
    {
        _stopped = true;
        foreach (var reminder in _local.Values)
            reminder.Dispose();
        _local.Clear();
        return Task.CompletedTask;
    }

    public async Task<IGrainReminder> RegisterOrUpdateAsync(
        GrainId grainId, GrainClassInfo grainClass, string reminderName, TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken)
    {
        if (!grainClass.IsRemindable)
            throw new InvalidOperationException(
                $"Grain class {grainClass.ClassType.FullName} registers reminder '{reminderName}' but does not implement IRemindable; implement it to receive ticks.");
        if (string.IsNullOrWhiteSpace(reminderName))
            throw new ArgumentException($"Grain {grainId} registered a reminder without a name.", nameof(reminderName));
        if (dueTime < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, $"Reminder '{reminderName}' of grain {grainId}: the due time must not be negative.");
        if (period < options.MinimumReminderPeriod)
            throw new ArgumentOutOfRangeException(nameof(period), period,
                $"Reminder '{reminderName}' of grain {grainId}: the period must be at least GrainRuntimeOptions.MinimumReminderPeriod ({options.MinimumReminderPeriod}).");

        var entry = new ReminderEntry(grainId, reminderName, DateTimeOffset.UtcNow + dueTime, period);
        var etag = await table.UpsertRowAsync(entry, cancellationToken).ConfigureAwait(false);
        Schedule(entry with { ETag = etag });
        return new GrainReminder(reminderName, etag);
    }

    public async Task UnregisterAsync(GrainId grainId, IGrainReminder reminder, CancellationToken cancellationToken)
    {
        if (_local.TryRemove((grainId, reminder.ReminderName), out var local))
            local.Dispose();
        // Remove whatever version is stored: a concurrent update only changes the ETag to match.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var row = await table.ReadRowAsync(grainId, reminder.ReminderName, cancellationToken).ConfigureAwait(false);
            if (row?.ETag is null || await table.RemoveRowAsync(grainId, reminder.ReminderName, row.ETag, cancellationToken).ConfigureAwait(false))
                return;
        }
        throw new InvalidOperationException(
            $"Could not unregister reminder '{reminder.ReminderName}' of grain {grainId}: it kept changing concurrently.");
    }

    public async Task<IGrainReminder?> GetAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var row = await table.ReadRowAsync(grainId, reminderName, cancellationToken).ConfigureAwait(false);
        return row is null ? null : new GrainReminder(row.ReminderName, row.ETag);
    }

    internal async Task FireAsync(LocalReminder reminder, DateTimeOffset now)
    {
        var entry = reminder.Entry;
        try
        {
            RuntimeLog.ReminderFiring(logger, entry.GrainId.ToString(), entry.ReminderName);
            var grain = (IRemindable)runtime.GetReference(entry.GrainId, typeof(IRemindable));
            await grain.ReceiveReminder(entry.ReminderName, new TickStatus(entry.StartAt, entry.Period, now)).ConfigureAwait(false);
        }
        catch (Exception e) when (!_stopped)
        {
            RuntimeLog.ReminderFailed(logger, e, entry.GrainId.ToString(), entry.ReminderName);
        }
        catch (Exception)
        {
            // The runtime is stopping: the tick is not lost, the reminder fires again after the next start.
        }
    }

    private void Schedule(ReminderEntry entry)
    {
        if (_stopped || !placement.IsLocal(GrainShard.Of(entry.GrainId, placement.ShardCount)))
            return;
        var reminder = new LocalReminder(this, entry);
        _local.AddOrUpdate((entry.GrainId, entry.ReminderName), reminder, (_, previous) =>
        {
            previous.Dispose();
            return reminder;
        });
        reminder.Start();
    }
}
