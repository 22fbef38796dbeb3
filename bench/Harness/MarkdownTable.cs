using System.Text;

namespace GitOps.Bench.Harness;

public static class MarkdownTable
{
    public static string Render(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var builder = new StringBuilder();
        builder.Append("| ").AppendJoin(" | ", headers).AppendLine(" |");
        builder.Append('|').AppendJoin("|", headers.Select(_ => "---")).AppendLine("|");
        foreach (var row in rows)
            builder.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        return builder.ToString();
    }
}
