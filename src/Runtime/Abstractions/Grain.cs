namespace GitOps.Runtime;

public enum DeactivationReason { Idle, Requested, StateConflict, ShuttingDown, ShardLost }

/// <summary>
/// What the runtime gives an activation. Implemented by the runtime; grains use it through
/// <see cref="Grain"/>'s protected members.
/// </summary>
public interface IGrainContext
{
    string PrimaryKey { get; }

    IGrainFactory GrainFactory { get; }

    void DeactivateOnIdle();

    Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken);

    Task UnregisterReminder(IGrainReminder reminder, CancellationToken cancellationToken);

    Task<IGrainReminder?> GetReminder(string reminderName, CancellationToken cancellationToken);

    /// <summary>A timer whose callback runs as a turn of the activation; it ends with the activation.</summary>
    IDisposable RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period);
}

/// <summary>
/// Base class of grain implementations (Orleans' <c>Grain</c>). Grains are <c>internal sealed</c>
/// classes with primary constructors; dependencies and <see cref="IPersistentState{TState}"/>
/// (marked with <see cref="PersistentStateAttribute"/>) come through the constructor.
/// </summary>
public abstract class Grain
{
    private IGrainContext? _context;

    /// <summary>Set once by the runtime before <see cref="OnActivateAsync"/>.</summary>
    public IGrainContext GrainContext
    {
        get => _context ?? throw new InvalidOperationException("The grain has no context: it was not activated by the runtime.");
        set => _context = _context is null ? value : throw new InvalidOperationException("The grain context is set once.");
    }

    protected IGrainFactory GrainFactory => GrainContext.GrainFactory;

    public string GetPrimaryKeyString() => GrainContext.PrimaryKey;

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    protected void DeactivateOnIdle() => GrainContext.DeactivateOnIdle();

    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken = default) =>
        GrainContext.RegisterOrUpdateReminder(reminderName, dueTime, period, cancellationToken);

    protected Task UnregisterReminder(IGrainReminder reminder, CancellationToken cancellationToken = default) =>
        GrainContext.UnregisterReminder(reminder, cancellationToken);

    protected Task<IGrainReminder?> GetReminder(string reminderName, CancellationToken cancellationToken = default) =>
        GrainContext.GetReminder(reminderName, cancellationToken);

    protected IDisposable RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        GrainContext.RegisterGrainTimer(callback, dueTime, period);
}
