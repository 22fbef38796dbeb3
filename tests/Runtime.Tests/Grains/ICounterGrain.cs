namespace GitOps.Runtime.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds one to the persisted counter and writes it; returns the new value.</summary>
    Task<int> IncrementAsync(CancellationToken cancellationToken);

    Task<int> GetAsync(CancellationToken cancellationToken);

    Task<Guid> GetActivationIdAsync(CancellationToken cancellationToken);

    Task ClearAsync(CancellationToken cancellationToken);
}
