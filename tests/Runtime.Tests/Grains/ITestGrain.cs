namespace GitOps.Runtime.Tests.Grains;

public interface ITestGrain : IGrainWithStringKey
{
    /// <summary>The id of the activation that ran the call.</summary>
    Task<Guid> GetActivationIdAsync(CancellationToken cancellationToken);

    /// <summary>Records "{key}:enter:{tag}", waits for the gate, records "{key}:exit:{tag}".</summary>
    Task HoldAsync(string tag, string gate, CancellationToken cancellationToken);

    ValueTask<int> AddAsync(int value, CancellationToken cancellationToken);

    Task FailAsync(string message, CancellationToken cancellationToken);

    [OneWay]
    Task NotifyAsync(string tag, string gate, CancellationToken cancellationToken);

    Task DeactivateAsync(CancellationToken cancellationToken);

    Task StartTimerAsync(TimeSpan period, CancellationToken cancellationToken);
}
