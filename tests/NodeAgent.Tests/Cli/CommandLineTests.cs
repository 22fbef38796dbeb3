using GitOps.NodeAgent.Cli;

namespace GitOps.NodeAgent.Tests.Cli;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("10s", 10_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("00:00:30", 30_000)]
    public void Durations_accept_the_forms_Kubernetes_users_write(string text, int milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("ten seconds")]
    [InlineData("10")]
    [InlineData("")]
    public void Durations_without_a_unit_are_refused(string text) => Assert.False(DurationText.TryParse(text, out _));

    [Fact]
    public async Task Invalid_options_are_reported_each_naming_its_option_and_the_agent_does_not_start()
    {
        var errors = new StringWriter();
        var original = Console.Error;
        Console.SetError(errors);
        int exitCode;
        try
        {
            exitCode = await AgentCommand.Create().Parse([
                "--server", "localhost:8080", "--nodes", "0", "--start-delay", "soon", "--failure-rate", "150",
                "--taint", "x", "--stop-heartbeat-after", "nobody=5s", "--runtime", "docker",
            ]).InvokeAsync();
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Equal(2, exitCode);
        var text = errors.ToString();
        foreach (var option in new[] { "--server", "--nodes", "--start-delay", "--failure-rate", "--taint", "--stop-heartbeat-after", "--runtime" })
            Assert.Contains(option, text);
    }
}
