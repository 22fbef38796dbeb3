using GitOps.Grains.Controllers.Infrastructure;

namespace GitOps.Grains.Tests.Infrastructure;

public sealed class ControllerOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new ControllerOptionsValidator().Validate(null, new ControllerOptions()).Succeeded);
    }

    [Fact]
    public void Each_bad_setting_is_named_with_its_configuration_key()
    {
        var options = new ControllerOptions
        {
            NodeGracePeriod = TimeSpan.Zero,
            NodeMonitorPeriod = TimeSpan.FromSeconds(1),
            SchedulerPercentageOfNodesToScore = 101,
            RetryBaseDelay = TimeSpan.FromSeconds(10),
            RetryMaxDelay = TimeSpan.FromSeconds(1),
        };

        var result = new ControllerOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("GitOps:Controllers:NodeGracePeriod is 00:00:00", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("GitOps:Controllers:SchedulerPercentageOfNodesToScore is 101", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("GitOps:Controllers:RetryMaxDelay", StringComparison.Ordinal));
    }

    [Fact]
    public void Retry_backoff_grows_exponentially_with_jitter_and_stays_under_the_cap()
    {
        var random = new Random(7);
        var first = RetryBackoff.Delay(1, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), random);
        var fourth = RetryBackoff.Delay(4, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), random);
        var hundredth = RetryBackoff.Delay(100, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), random);

        Assert.InRange(first.TotalMilliseconds, 50, 100);
        Assert.InRange(fourth.TotalMilliseconds, 400, 800);
        Assert.InRange(hundredth.TotalMilliseconds, 2500, 5000);
    }
}
