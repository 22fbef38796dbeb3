namespace GitOps.Model.Selectors;

/// <summary>One requirement of a field selector: <c>spec.nodeName=node-1</c> or <c>status.phase!=Running</c>.</summary>
public sealed record FieldRequirement(string Field, bool Negated, string Value);

/// <summary>A conjunction of field requirements on dotted paths. An empty selector matches everything.</summary>
public sealed partial record FieldSelector(IReadOnlyList<FieldRequirement> Requirements)
{
    public static FieldSelector Everything { get; } = new([]);

    public bool IsEmpty => Requirements.Count == 0;
}
