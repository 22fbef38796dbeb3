using GitOps.Runtime.Tests.Support;

namespace GitOps.Runtime.Tests.Grains;

internal sealed class ReminderTestGrain(TestProbe probe) : Grain, IReminderTestGrain, IRemindable
{
    public Task RegisterAsync(string reminderName, TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken) =>
        RegisterOrUpdateReminder(reminderName, dueTime, period, cancellationToken);

    public async Task UnregisterAsync(string reminderName, CancellationToken cancellationToken)
    {
        var reminder = await GetReminder(reminderName, cancellationToken);
        if (reminder is not null)
            await UnregisterReminder(reminder, cancellationToken);
    }

    public async Task<bool> HasReminderAsync(string reminderName, CancellationToken cancellationToken) =>
        await GetReminder(reminderName, cancellationToken) is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        probe.Record($"{GetPrimaryKeyString()}:reminder:{reminderName}");
        return Task.CompletedTask;
    }
}
