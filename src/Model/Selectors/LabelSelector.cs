namespace GitOps.Model.Selectors;

public enum SelectorOperator { Equals, NotEquals, In, NotIn, Exists, DoesNotExist, GreaterThan, LessThan }

/// <summary>One requirement of a label selector, e.g. <c>env in (a,b)</c>.</summary>
public sealed record LabelRequirement(string Key, SelectorOperator Operator, IReadOnlyList<string> Values);

/// <summary>
/// A conjunction of label requirements. An empty selector matches everything. Parsing of the
/// string form and of matchLabels/matchExpressions lives beside this type.
/// </summary>
public sealed partial record LabelSelector(IReadOnlyList<LabelRequirement> Requirements)
{
    public static LabelSelector Everything { get; } = new([]);

    public bool IsEmpty => Requirements.Count == 0;
}
