using System.Globalization;
using System.Text;
using GitOps.Model.Validation;

namespace GitOps.Model.Selectors;

public sealed partial record LabelSelector
{
    /// <summary>
    /// Parses the string form: <c>app=web,tier!=db,env in (a,b),env notin (c),key,!legacy</c>, also <c>==</c>, <c>&gt;</c> and <c>&lt;</c>.
    /// Bad input gives an error with the position and reason, never an exception. An empty string selects everything.
    /// </summary>
    public static SelectorParseResult<LabelSelector> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return SelectorParseResult<LabelSelector>.Ok(Everything);
        var lexer = new SelectorLexer(text);
        var requirements = new List<LabelRequirement>();
        lexer.Next();
        while (true)
        {
            var requirement = ParseRequirement(ref lexer, out var error);
            if (requirement is null)
                return SelectorParseResult<LabelSelector>.Fail(error!.Position, error.Message);
            requirements.Add(requirement);
            if (lexer.Token == SelectorToken.End)
                break;
            if (lexer.Token != SelectorToken.Comma)
                return SelectorParseResult<LabelSelector>.Fail(lexer.Start, $"expected ',' or end of selector, found '{lexer.Value}'");
            lexer.Next();
        }
        return SelectorParseResult<LabelSelector>.Ok(new LabelSelector(requirements
            .OrderBy(r => r.Key, StringComparer.Ordinal).ThenBy(r => r.Operator).ToArray()));
    }

    private static LabelRequirement? ParseRequirement(ref SelectorLexer lexer, out SelectorError? error)
    {
        error = null;
        if (lexer.Token == SelectorToken.Bang)
        {
            lexer.Next();
            if (!ReadKey(ref lexer, out var negatedKey, out error))
                return null;
            return new LabelRequirement(negatedKey, SelectorOperator.DoesNotExist, []);
        }
        if (!ReadKey(ref lexer, out var key, out error))
            return null;
        switch (lexer.Token)
        {
            case SelectorToken.End or SelectorToken.Comma:
                return new LabelRequirement(key, SelectorOperator.Exists, []);
            case SelectorToken.Equals or SelectorToken.DoubleEquals or SelectorToken.NotEquals:
            {
                var op = lexer.Token == SelectorToken.NotEquals ? SelectorOperator.NotEquals : SelectorOperator.Equals;
                lexer.Next();
                var value = "";
                var valueStart = lexer.Start;
                if (lexer.Token == SelectorToken.Identifier)
                {
                    value = lexer.Value;
                    lexer.Next();
                }
                else if (lexer.Token is not (SelectorToken.End or SelectorToken.Comma))
                {
                    error = new SelectorError(lexer.Start, $"expected a value after the operator, found '{lexer.Value}'");
                    return null;
                }
                return CheckValue(value, valueStart, out error) ? new LabelRequirement(key, op, [value]) : null;
            }
            case SelectorToken.GreaterThan or SelectorToken.LessThan:
            {
                var op = lexer.Token == SelectorToken.GreaterThan ? SelectorOperator.GreaterThan : SelectorOperator.LessThan;
                lexer.Next();
                if (lexer.Token != SelectorToken.Identifier
                    || !long.TryParse(lexer.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    error = new SelectorError(lexer.Start, $"expected an integer after '{(op == SelectorOperator.GreaterThan ? ">" : "<")}', found '{lexer.Value}'");
                    return null;
                }
                var operand = lexer.Value;
                lexer.Next();
                return new LabelRequirement(key, op, [operand]);
            }
            case SelectorToken.Identifier when lexer.Value is "in" or "notin":
            {
                var op = lexer.Value == "in" ? SelectorOperator.In : SelectorOperator.NotIn;
                lexer.Next();
                var values = ReadValueSet(ref lexer, out error);
                return values is null ? null : new LabelRequirement(key, op, values);
            }
            default:
                error = new SelectorError(lexer.Start,
                    $"expected one of '=', '==', '!=', 'in', 'notin', '>', '<', ',' or end of selector after key '{key}', found '{lexer.Value}'");
                return null;
        }
    }

    private static bool ReadKey(ref SelectorLexer lexer, out string key, out SelectorError? error)
    {
        key = "";
        if (lexer.Token != SelectorToken.Identifier)
        {
            error = new SelectorError(lexer.Start, lexer.Token == SelectorToken.End
                ? "expected a label key, found end of selector"
                : $"expected a label key, found '{lexer.Value}'");
            return false;
        }
        var problems = NameValidation.QualifiedName(lexer.Value);
        if (problems.Count > 0)
        {
            error = new SelectorError(lexer.Start, $"invalid label key '{lexer.Value}': {string.Join("; ", problems)}");
            return false;
        }
        key = lexer.Value;
        error = null;
        lexer.Next();
        return true;
    }

    private static string[]? ReadValueSet(ref SelectorLexer lexer, out SelectorError? error)
    {
        if (lexer.Token != SelectorToken.OpenParen)
        {
            error = new SelectorError(lexer.Start, $"expected '(' to start the value set, found '{(lexer.Token == SelectorToken.End ? "end of selector" : lexer.Value)}'");
            return null;
        }
        lexer.Next();
        var values = new SortedSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var value = "";
            var start = lexer.Start;
            if (lexer.Token == SelectorToken.Identifier)
            {
                value = lexer.Value;
                lexer.Next();
            }
            if (!CheckValue(value, start, out error))
                return null;
            values.Add(value);
            if (lexer.Token == SelectorToken.CloseParen)
            {
                lexer.Next();
                error = null;
                return values.ToArray();
            }
            if (lexer.Token != SelectorToken.Comma)
            {
                error = new SelectorError(lexer.Start, lexer.Token == SelectorToken.End
                    ? "expected ')' to close the value set, found end of selector"
                    : $"expected ',' or ')' in the value set, found '{lexer.Value}'");
                return null;
            }
            lexer.Next();
        }
    }

    private static bool CheckValue(string value, int position, out SelectorError? error)
    {
        var problems = NameValidation.LabelValue(value);
        error = problems.Count == 0 ? null : new SelectorError(position, $"invalid label value '{value}': {string.Join("; ", problems)}");
        return error is null;
    }

    /// <summary>The canonical string form, parseable by <see cref="Parse"/>: <c>app=web,env in (a,b),!legacy</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        foreach (var r in Requirements)
        {
            if (builder.Length > 0)
                builder.Append(',');
            switch (r.Operator)
            {
                case SelectorOperator.DoesNotExist: builder.Append('!').Append(r.Key); break;
                case SelectorOperator.Exists: builder.Append(r.Key); break;
                case SelectorOperator.Equals when r.Values.Count == 1: builder.Append(r.Key).Append('=').Append(r.Values[0]); break;
                case SelectorOperator.NotEquals when r.Values.Count == 1: builder.Append(r.Key).Append("!=").Append(r.Values[0]); break;
                case SelectorOperator.GreaterThan: builder.Append(r.Key).Append('>').Append(r.Values.FirstOrDefault()); break;
                case SelectorOperator.LessThan: builder.Append(r.Key).Append('<').Append(r.Values.FirstOrDefault()); break;
                default:
                    var op = r.Operator is SelectorOperator.NotIn or SelectorOperator.NotEquals ? "notin" : "in";
                    builder.Append(r.Key).Append(' ').Append(op).Append(" (")
                        .AppendJoin(',', r.Values.Order(StringComparer.Ordinal)).Append(')');
                    break;
            }
        }
        return builder.ToString();
    }
}
