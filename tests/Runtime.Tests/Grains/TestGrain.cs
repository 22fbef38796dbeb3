using GitOps.Runtime.Tests.Support;

namespace GitOps.Runtime.Tests.Grains;

internal sealed class TestGrain(TestProbe probe) : Grain, ITestGrain
{
    private readonly Guid _activationId = Guid.NewGuid();
    private int _sum;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Record($"{GetPrimaryKeyString()}:activate");
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record($"{GetPrimaryKeyString()}:deactivate:{reason}");
        if (probe.IsDeactivationHeld(GetPrimaryKeyString()))
            await probe.Gate($"{GetPrimaryKeyString()}:deactivate").WaitAsync(TestProbe.Timeout, cancellationToken);
        probe.Record($"{GetPrimaryKeyString()}:deactivated");
    }

    public Task<Guid> GetActivationIdAsync(CancellationToken cancellationToken) => Task.FromResult(_activationId);

    public async Task HoldAsync(string tag, string gate, CancellationToken cancellationToken)
    {
        probe.Record($"{GetPrimaryKeyString()}:enter:{tag}");
        await probe.Gate(gate).WaitAsync(TestProbe.Timeout, cancellationToken);
        probe.Record($"{GetPrimaryKeyString()}:exit:{tag}");
    }

    public ValueTask<int> AddAsync(int value, CancellationToken cancellationToken) => new(_sum += value);

    public Task FailAsync(string message, CancellationToken cancellationToken) => throw new InvalidOperationException(message);

    public Task NotifyAsync(string tag, string gate, CancellationToken cancellationToken) => HoldAsync(tag, gate, cancellationToken);

    public Task DeactivateAsync(CancellationToken cancellationToken)
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task StartTimerAsync(TimeSpan period, CancellationToken cancellationToken)
    {
        RegisterGrainTimer(_ =>
        {
            probe.Record($"{GetPrimaryKeyString()}:tick");
            return Task.CompletedTask;
        }, period, period);
        return Task.CompletedTask;
    }
}
