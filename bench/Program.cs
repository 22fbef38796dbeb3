using GitOps.Bench.Harness;

// dotnet run -c Release --project bench -- <scenario> [--option value ...]   |   list
var scenarios = ScenarioCatalog.Discover();
if (args.Length == 0 || args[0] is "list" or "--help" or "-h")
{
    Console.WriteLine("Usage: dotnet run -c Release --project bench -- <scenario> [--option value ...]");
    Console.WriteLine();
    Console.WriteLine(MarkdownTable.Render(["scenario", "what it measures"], scenarios.Select(s => new[] { s.Name, s.Description })));
    return args.Length == 0 ? 1 : 0;
}

var scenario = scenarios.FirstOrDefault(s => s.Name == args[0]);
if (scenario is null)
{
    Console.Error.WriteLine($"Unknown scenario '{args[0]}'. Known: {string.Join(", ", scenarios.Select(s => s.Name))}.");
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
try
{
    await scenario.RunAsync(ScenarioArguments.Parse(args[1..]), Console.Out, cancellation.Token);
    return 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
