using GitOps.NodeAgent.Processes;

namespace GitOps.NodeAgent.Tests.Processes;

public sealed class VariableExpanderTests
{
    private static readonly Dictionary<string, string> Vars = new() { ["A"] = "1", ["B"] = "two" };

    [Theory]
    [InlineData("$(A)-$(B)", "1-two")]
    [InlineData("$(MISSING)", "$(MISSING)")]
    [InlineData("$$(A)", "$(A)")]
    [InlineData("cost: $5", "cost: $5")]
    [InlineData("$(A", "$(A")]
    public void References_expand_as_Kubernetes_expands_them(string input, string expected) =>
        Assert.Equal(expected, VariableExpander.Expand(input, Vars));

    [Fact]
    public void Restart_back_off_is_immediate_first_then_doubles_to_the_cap_and_resets_after_a_long_run()
    {
        var backoff = new RestartBackoff(new ProcessRuntimeOptions
        {
            RestartBackoff = TimeSpan.FromSeconds(10),
            MaxRestartBackoff = TimeSpan.FromSeconds(40),
            BackoffResetAfter = TimeSpan.FromMinutes(10),
        });
        var quick = TimeSpan.FromSeconds(1);

        Assert.Equal([0, 10, 20, 40, 40], Enumerable.Range(0, 5).Select(_ => (int)backoff.Next(quick).TotalSeconds).ToArray());
        Assert.Equal(TimeSpan.Zero, backoff.Next(TimeSpan.FromMinutes(11)));
    }
}
