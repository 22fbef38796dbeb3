namespace GitOps.Runtime.Activations;

/// <summary>One turn queued on an activation: a grain call or a timer tick.</summary>
internal interface IWorkItem
{
    /// <summary>False when nobody waits for the outcome (one-way calls, timer ticks): the activation logs failures.</summary>
    bool HasCaller { get; }

    /// <summary>Runs the turn; never throws. Returns the exception the turn ended with, or null.</summary>
    ValueTask<Exception?> RunAsync(Grain grain);

    /// <summary>Completes the item without running it.</summary>
    void Fail(Exception exception);
}
