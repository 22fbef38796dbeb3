using GitOps.Model.Objects;

namespace GitOps.Gateway.Tables;

/// <summary>
/// One column of <c>kubectl get</c> output (a Table columnDefinition) and how to compute its cell.
/// Priority 0 columns are always shown; priority 1 only with <c>-o wide</c>. Type is "string" or "integer".
/// </summary>
internal sealed record TableColumn(string Name, string Type, string Description, int Priority, Func<KubeObject, DateTimeOffset, object?> Cell)
{
    public string Format => Name == "Name" ? "name" : "";

    public static TableColumn Text(string name, string description, Func<KubeObject, string> cell, int priority = 0) =>
        new(name, "string", description, priority, (o, _) => cell(o));

    public static TableColumn Number(string name, string description, Func<KubeObject, long> cell, int priority = 0) =>
        new(name, "integer", description, priority, (o, _) => cell(o));

    public static TableColumn NameColumn { get; } =
        Text("Name", "Name must be unique within a namespace.", o => o.Metadata.Name ?? "");

    public static TableColumn AgeColumn { get; } =
        new("Age", "string", "Time since the object was created (metadata.creationTimestamp).", 0,
            (o, now) => Age.Since(o.Metadata.CreationTimestamp, now));
}
