using Orleans.Runtime;

namespace GitOps.Grains.Hosting;

/// <summary>
/// Sends a grain call again when the cluster rejected it before it ran: the target's silo was
/// stopping (a graceful shutdown hands its grains over) or the activation it was addressed to was
/// gone. Orleans drops the stale address with the rejection, so the next try reaches the grain's
/// new activation. A rejected call never ran, so sending it again cannot apply it twice; calls that
/// may have run (a timeout, a silo dying mid-call) are not retried.
/// </summary>
internal sealed class RetryRejectedCallsFilter : IOutgoingGrainCallFilter
{
    private const int MaxAttempts = 6;
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(50);

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await context.Invoke();
                if (context.Response?.Exception is not OrleansMessageRejectionException || attempt == MaxAttempts)
                    return;
            }
            catch (OrleansMessageRejectionException) when (attempt < MaxAttempts)
            {
            }
            // 50 ms doubling: about 1.5 s in all, longer than a silo takes to hand its grains over.
            await Task.Delay(FirstDelay * (1 << (attempt - 1)));
        }
    }
}
