using System.Text;

namespace GitOps.Model.Tests.Fuzzing;

public enum MutationKind { FlipByte, InsertByte, DeleteRange, InsertToken, DuplicateRange, Truncate }

/// <summary>One edit of a file's bytes at a position given as a fraction of its length, so it applies to any file.</summary>
public readonly record struct ManifestMutation(MutationKind Kind, double At, int Length, byte Byte, string Token)
{
    /// <summary>YAML and JSON syntax, and characters parsers trip on, spliced in by <see cref="MutationKind.InsertToken"/>.</summary>
    public static readonly string[] Tokens =
    [
        ": ", "- ", "---\n", "...\n", "\n", "\r", "\r\n", "\t", "  ", "#", "&a ", "*a", "*b", "&b ", "!!int ", "!!str ", "!!map ", "!!seq ",
        "!!bool ", "!!float ", "!!null ", "!!binary ", "!!timestamp ", "!custom ", "!<tag:x> ", "!", "<<: ", "<<: *a", "? ", "{", "}", "[", "]",
        ",", "\"", "'", "\\", "\\u", "\\x", "\\U0010FFFF", "\\uD800", "|", "|-", "|+", ">", ">-", "|2", "%YAML 1.2\n", "%TAG ! tag:x:\n", "%", "@",
        "`", "\0", "\u00a0", "\u0085", "\u2028", "\u2029", "\ufeff", "\ufffd", "\U0001F600", "0x", "0o", ".inf", "-.Inf", ".nan", "1e999",
        "99999999999999999999999999999", "-0", "~", "null", "true", "{a: [b, {c: d}]}", "[[[[[[[[[[", "]]]]]]]]]]", "{{{{{{{{", "}}}}}}}}",
        "kind: List\nitems:\n", "items: ", "metadata: ", "name: ", "labels: ", "annotations: ", "apiVersion: ", "kind: ", "{\"", "\":", "null,",
    ];

    public byte[] Apply(byte[] content)
    {
        var position = Math.Clamp((int)(At * content.Length), 0, content.Length);
        var length = Math.Min(Length, content.Length - position);
        return Kind switch
        {
            MutationKind.FlipByte when position < content.Length => [.. content[..position], Byte, .. content[(position + 1)..]],
            MutationKind.FlipByte or MutationKind.InsertByte => [.. content[..position], Byte, .. content[position..]],
            MutationKind.DeleteRange => [.. content[..position], .. content[(position + length)..]],
            MutationKind.InsertToken => [.. content[..position], .. Encoding.UTF8.GetBytes(Token), .. content[position..]],
            MutationKind.DuplicateRange => [.. content[..(position + length)], .. content[position..]],
            _ => content[..position],
        };
    }

    public override string ToString() => Kind switch
    {
        MutationKind.FlipByte or MutationKind.InsertByte => $"{Kind} 0x{Byte:x2} at {At:0.###}",
        MutationKind.InsertToken => $"{Kind} \"{ManifestReaderCheck.Escape(Token)}\" at {At:0.###}",
        MutationKind.Truncate => $"{Kind} at {At:0.###}",
        _ => $"{Kind} {Length} at {At:0.###}",
    };
}
