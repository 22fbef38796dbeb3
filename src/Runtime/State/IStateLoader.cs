namespace GitOps.Runtime.State;

/// <summary>What the runtime needs of a persistent state to load it before OnActivateAsync.</summary>
internal interface IStateLoader
{
    Task ReadStateAsync(CancellationToken cancellationToken);
}
