using System.Globalization;
using System.Text;
using System.Text.Json;
using GitOps.Model.Selectors;
using Npgsql;
using NpgsqlTypes;

namespace GitOps.Store.PostgreSql;

/// <summary>
/// A WHERE clause over a row source with columns <c>labels</c> (jsonb) and <c>body</c> (json),
/// translated from label and field selectors with the same meaning as their in-memory Matches.
/// Equality uses <c>@&gt;</c> and existence <c>?</c> so the GIN index on labels applies.
/// </summary>
internal sealed class SqlFilter
{
    private readonly StringBuilder _sql = new("TRUE");
    private readonly List<(string Name, object Value, NpgsqlDbType Type)> _parameters = [];

    public string Sql => _sql.ToString();

    public static SqlFilter For(LabelSelector? labels, FieldSelector? fields)
    {
        var filter = new SqlFilter();
        foreach (var requirement in labels?.Requirements ?? [])
            filter.AddLabel(requirement);
        foreach (var requirement in fields?.Requirements ?? [])
            filter.AddField(requirement);
        return filter;
    }

    public void AddTo(NpgsqlParameterCollection parameters)
    {
        foreach (var (name, value, type) in _parameters)
            parameters.Add(new NpgsqlParameter(name, type) { Value = value });
    }

    private void AddLabel(LabelRequirement requirement)
    {
        var key = Parameter(requirement.Key, NpgsqlDbType.Text);
        switch (requirement.Operator)
        {
            case SelectorOperator.Equals or SelectorOperator.In:
                var alternatives = requirement.Values.Select(v => $"labels @> {Parameter(Containment(requirement.Key, v), NpgsqlDbType.Jsonb)}");
                And(requirement.Values.Count == 0 ? "FALSE" : $"({string.Join(" OR ", alternatives)})");
                break;
            case SelectorOperator.NotEquals or SelectorOperator.NotIn:
                And($"NOT coalesce(labels ->> {key} = ANY({Parameter(requirement.Values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)}), FALSE)");
                break;
            case SelectorOperator.Exists:
                And($"labels ? {key}");
                break;
            case SelectorOperator.DoesNotExist:
                And($"NOT labels ? {key}");
                break;
            case SelectorOperator.GreaterThan or SelectorOperator.LessThan:
                And(IntegerComparison(requirement, key));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(requirement), requirement.Operator, "Unknown label selector operator.");
        }
    }

    // Gt/Lt compare integers; a label value or operand that is not an integer never matches, as in Kubernetes.
    private string IntegerComparison(LabelRequirement requirement, string key)
    {
        if (requirement.Values.Count != 1
            || !long.TryParse(requirement.Values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var operand))
            return "FALSE";
        var op = requirement.Operator == SelectorOperator.GreaterThan ? ">" : "<";
        return $"(CASE WHEN labels ->> {key} ~ '^[+-]?[0-9]{{1,18}}$' THEN (labels ->> {key})::bigint {op} {Parameter(operand, NpgsqlDbType.Bigint)} ELSE FALSE END)";
    }

    // An absent field compares as "", as FieldSelector.ValueAt does.
    private void AddField(FieldRequirement requirement)
    {
        var path = Parameter(requirement.Field.Split('.'), NpgsqlDbType.Array | NpgsqlDbType.Text);
        var value = Parameter(requirement.Value, NpgsqlDbType.Text);
        And($"coalesce(body #>> {path}, '') {(requirement.Negated ? "<>" : "=")} {value}");
    }

    private static string Containment(string key, string value) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { [key] = value });

    private void And(string condition) => _sql.Append(" AND ").Append(condition);

    private string Parameter(object value, NpgsqlDbType type)
    {
        var name = $"f{_parameters.Count}";
        _parameters.Add((name, value, type));
        return "@" + name;
    }
}
