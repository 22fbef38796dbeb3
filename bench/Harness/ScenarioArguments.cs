using System.Globalization;

namespace GitOps.Bench.Harness;

/// <summary>Options given after the scenario name as <c>--name value</c> pairs.</summary>
public sealed class ScenarioArguments
{
    private readonly Dictionary<string, string> _values;

    private ScenarioArguments(Dictionary<string, string> values) => _values = values;

    public static ScenarioArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
                throw new ArgumentException($"Expected '--option value' pairs after the scenario name, got '{args[i]}'.");
            values[args[i][2..]] = args[++i];
        }
        return new ScenarioArguments(values);
    }

    public int GetInt(string name, int defaultValue) =>
        !_values.TryGetValue(name, out var text) ? defaultValue
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
        : throw new ArgumentException($"--{name} must be a positive integer (got '{text}').");

    /// <summary>A duration in seconds (decimals allowed).</summary>
    public TimeSpan GetSeconds(string name, double defaultSeconds) =>
        !_values.TryGetValue(name, out var text) ? TimeSpan.FromSeconds(defaultSeconds)
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 ? TimeSpan.FromSeconds(value)
        : throw new ArgumentException($"--{name} must be a positive number of seconds (got '{text}').");
}
