using System.Globalization;

namespace GitOps.Model.Selectors;

public sealed partial record LabelSelector
{
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        foreach (var requirement in Requirements)
        {
            if (!Matches(requirement, labels))
                return false;
        }
        return true;
    }

    private static bool Matches(LabelRequirement requirement, IReadOnlyDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(requirement.Key, out var value);
        return requirement.Operator switch
        {
            SelectorOperator.Equals or SelectorOperator.In => present && requirement.Values.Contains(value!),
            SelectorOperator.NotEquals or SelectorOperator.NotIn => !present || !requirement.Values.Contains(value!),
            SelectorOperator.Exists => present,
            SelectorOperator.DoesNotExist => !present,
            SelectorOperator.GreaterThan => present && CompareAsInteger(value!, requirement.Values) > 0,
            SelectorOperator.LessThan => present && CompareAsInteger(value!, requirement.Values) < 0,
            _ => false,
        };
    }

    // Gt/Lt compare integers; a value that is not an integer never matches (as in Kubernetes).
    private static int CompareAsInteger(string value, IReadOnlyList<string> operands) =>
        operands.Count == 1
        && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var left)
        && long.TryParse(operands[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var right)
            ? left.CompareTo(right)
            : 0;
}
