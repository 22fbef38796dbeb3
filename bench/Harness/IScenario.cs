namespace GitOps.Bench.Harness;

/// <summary>
/// One benchmark scenario: a class in bench/Scenarios with a public parameterless constructor,
/// found by <see cref="ScenarioCatalog"/>. It prints its results as a markdown table.
/// </summary>
public interface IScenario
{
    /// <summary>The name given on the command line (kebab-case).</summary>
    string Name { get; }

    string Description { get; }

    Task RunAsync(ScenarioArguments arguments, TextWriter output, CancellationToken cancellationToken);
}
