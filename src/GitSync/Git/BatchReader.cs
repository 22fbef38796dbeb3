using System.Globalization;
using System.Text;

namespace GitOps.GitSync.Git;

/// <summary>
/// Reads the answers of <c>git cat-file --batch</c> from its stdout:
/// "&lt;sha&gt; &lt;type&gt; &lt;size&gt;\n&lt;content&gt;\n", or "&lt;sha&gt; missing\n".
/// </summary>
internal sealed class BatchReader(Stream stream)
{
    private readonly BufferedStream _stream = new(stream, 1 << 16);
    private readonly byte[] _newline = new byte[1];

    /// <summary>The object's content, or null when git answered "missing".</summary>
    public async Task<byte[]?> ReadObjectAsync(string expectedSha, CancellationToken cancellationToken)
    {
        var header = await ReadLineAsync(cancellationToken)
            ?? throw new IOException($"git cat-file ended before answering for {expectedSha}.");
        var parts = header.Split(' ');
        if (parts.Length == 2 && parts[1] == "missing")
            return null;
        if (parts.Length != 3 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            throw new IOException($"Unexpected answer from git cat-file for {expectedSha}: '{header}'.");
        var content = new byte[size];
        await _stream.ReadExactlyAsync(content, cancellationToken);
        await _stream.ReadExactlyAsync(_newline, cancellationToken);
        return content;
    }

    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var bytes = new List<byte>(64);
        var one = new byte[1];
        while (true)
        {
            var read = await _stream.ReadAsync(one, cancellationToken);
            if (read == 0)
                return bytes.Count == 0 ? null : Encoding.ASCII.GetString(bytes.ToArray());
            if (one[0] == (byte)'\n')
                return Encoding.ASCII.GetString(bytes.ToArray());
            bytes.Add(one[0]);
        }
    }
}
