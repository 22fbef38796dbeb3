namespace GitOps.Runtime.Tests.Grains;

public interface IReminderTestGrain : IGrainWithStringKey
{
    Task RegisterAsync(string reminderName, TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken);

    Task UnregisterAsync(string reminderName, CancellationToken cancellationToken);

    Task<bool> HasReminderAsync(string reminderName, CancellationToken cancellationToken);
}
