using System.Text.Json.Nodes;
using GitOps.Model.Json;

namespace GitOps.Model.Selectors;

public sealed partial record LabelSelector
{
    /// <summary>
    /// Converts a Kubernetes LabelSelector object (<c>matchLabels</c>, <c>matchExpressions</c> with In/NotIn/Exists/DoesNotExist).
    /// A missing selector is an error (Kubernetes treats it as matching nothing); an empty one matches everything.
    /// </summary>
    public static SelectorParseResult<LabelSelector> FromSelectorJson(JsonObject? selector)
    {
        if (selector is null)
            return SelectorParseResult<LabelSelector>.Fail(-1, "selector is missing; a missing selector matches nothing");
        var requirements = new List<LabelRequirement>();
        if (selector["matchLabels"] is JsonObject matchLabels)
        {
            foreach (var (key, value) in matchLabels.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (value is not JsonValue v || !v.TryGetValue<string>(out var text))
                    return SelectorParseResult<LabelSelector>.Fail(-1, $"matchLabels[{key}] must be a string");
                requirements.Add(new LabelRequirement(key, SelectorOperator.Equals, [text]));
            }
        }
        var index = 0;
        foreach (var expression in selector["matchExpressions"] as JsonArray ?? [])
        {
            if (expression is not JsonObject e)
                return SelectorParseResult<LabelSelector>.Fail(-1, $"matchExpressions[{index}] must be an object");
            var key = e.GetString("key");
            if (string.IsNullOrEmpty(key))
                return SelectorParseResult<LabelSelector>.Fail(-1, $"matchExpressions[{index}].key is required");
            var values = e.GetStringList("values");
            var op = e.GetString("operator");
            SelectorOperator? parsed = op switch
            {
                "In" => SelectorOperator.In,
                "NotIn" => SelectorOperator.NotIn,
                "Exists" => SelectorOperator.Exists,
                "DoesNotExist" => SelectorOperator.DoesNotExist,
                _ => null,
            };
            if (parsed is null)
                return SelectorParseResult<LabelSelector>.Fail(-1, $"matchExpressions[{index}].operator '{op}' is not one of In, NotIn, Exists, DoesNotExist");
            var needsValues = parsed is SelectorOperator.In or SelectorOperator.NotIn;
            if (needsValues && values.Count == 0)
                return SelectorParseResult<LabelSelector>.Fail(-1, $"matchExpressions[{index}].values must be non-empty for operator {op}");
            if (!needsValues && values.Count > 0)
                return SelectorParseResult<LabelSelector>.Fail(-1, $"matchExpressions[{index}].values must be empty for operator {op}");
            requirements.Add(new LabelRequirement(key, parsed.Value, values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray()));
            index++;
        }
        return SelectorParseResult<LabelSelector>.Ok(new LabelSelector(requirements));
    }

    /// <summary>The selector as a Kubernetes LabelSelector object (equality requirements as matchLabels).</summary>
    public JsonObject ToSelectorJson()
    {
        var result = new JsonObject();
        var matchLabels = new JsonObject();
        var expressions = new JsonArray();
        foreach (var r in Requirements)
        {
            if (r.Operator == SelectorOperator.Equals && r.Values.Count == 1 && !matchLabels.ContainsKey(r.Key))
            {
                matchLabels[r.Key] = r.Values[0];
                continue;
            }
            var op = r.Operator switch
            {
                SelectorOperator.Equals => "In",
                SelectorOperator.NotEquals => "NotIn",
                SelectorOperator.GreaterThan => "Gt",
                SelectorOperator.LessThan => "Lt",
                _ => r.Operator.ToString(),
            };
            var e = new JsonObject { ["key"] = r.Key, ["operator"] = op };
            if (r.Values.Count > 0)
                e["values"] = new JsonArray(r.Values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
            expressions.Add(e);
        }
        if (matchLabels.Count > 0)
            result["matchLabels"] = matchLabels;
        if (expressions.Count > 0)
            result["matchExpressions"] = expressions;
        return result;
    }
}
