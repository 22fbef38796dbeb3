using System.Text;
using GitOps.Model.Manifests;

namespace GitOps.Model.Tests.Fuzzing;

/// <summary>
/// Reads bytes as GitSync does (UTF-8, then the Model's reader) and checks what the fuzz tests promise: nothing escapes
/// the reader, and every error and warning names the file and a line and column inside it.
/// </summary>
internal static class ManifestReaderCheck
{
    public static ManifestReadResult Read(string file, ReadOnlySpan<byte> content)
    {
        var text = Encoding.UTF8.GetString(content);
        ManifestReadResult result;
        try
        {
            result = ManifestReader.Read(text, file);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"{file}: the reader threw {e.GetType().Name} on {Describe(text)}: {e}", e);
        }
        var lines = text.Split('\n');
        foreach (var problem in result.Errors.Concat(result.Warnings))
            CheckLocated(file, text, lines, problem);
        return result;
    }

    private static void CheckLocated(string file, string text, string[] lines, ManifestError problem)
    {
        var where = $"{problem} in {Describe(text)}";
        if (problem.File != file)
            throw new InvalidOperationException($"error names file '{problem.File}', not '{file}': {where}");
        if (problem.Line < 1 || problem.Line > lines.Length + 1)
            throw new InvalidOperationException($"line {problem.Line} is outside the file's {lines.Length} lines: {where}");
        // Column 1 past the end of a line is where an unexpected end is reported; a BOM the reader strips may shift it by one.
        var length = problem.Line <= lines.Length ? lines[problem.Line - 1].TrimEnd('\r').Length : 0;
        if (problem.Column < 1 || problem.Column > length + 2)
            throw new InvalidOperationException($"column {problem.Column} is outside line {problem.Line} ({length} characters): {where}");
        if (string.IsNullOrWhiteSpace(problem.Message))
            throw new InvalidOperationException($"error without a message: {where}");
    }

    public static string Describe(string text) =>
        text.Length <= 400 ? $"input \"{Escape(text)}\"" : $"input of {text.Length} characters starting \"{Escape(text[..400])}\"";

    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when char.IsControl(c) || char.IsSurrogate(c) || c > '\u007e' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return builder.ToString();
    }
}
