using System.Text;

namespace GitOps.NodeAgent.Processes;

/// <summary>
/// Expands <c>$(VAR)</c> references in env values, command and args as Kubernetes does: a
/// defined variable is replaced, an undefined one is left as written, <c>$$</c> is a literal <c>$</c>.
/// </summary>
internal static class VariableExpander
{
    public static string Expand(string input, IReadOnlyDictionary<string, string> variables)
    {
        if (!input.Contains('$'))
            return input;
        var output = new StringBuilder(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] != '$' || i + 1 >= input.Length)
            {
                output.Append(input[i]);
                continue;
            }
            if (input[i + 1] == '$')
            {
                output.Append('$');
                i++;
                continue;
            }
            if (input[i + 1] == '(')
            {
                var close = input.IndexOf(')', i + 2);
                if (close > 0)
                {
                    var name = input[(i + 2)..close];
                    if (variables.TryGetValue(name, out var value))
                        output.Append(value);
                    else
                        output.Append(input, i, close - i + 1);
                    i = close;
                    continue;
                }
            }
            output.Append('$');
        }
        return output.ToString();
    }
}
