namespace GitOps.Silo.Example;

/// <summary>What start-up decided about the example: the source it runs, or why it runs none (null when sources are configured or the example is off).</summary>
public sealed record ExampleChoice(ExampleSource? Source, string? Problem);
