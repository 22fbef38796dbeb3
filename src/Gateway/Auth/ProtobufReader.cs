namespace GitOps.Gateway.Auth;

/// <summary>Reads protobuf wire format: field keys, varints and length-delimited fields, skipping what it is not asked for.</summary>
internal sealed class ProtobufReader(ReadOnlyMemory<byte> data)
{
    private int _position;

    /// <summary>
    /// The message inside Kubernetes' protobuf envelope: the bytes after its "k8s\0" magic (a runtime.Unknown:
    /// typeMeta in field 1, the object in field 2), or null when the body does not start with it. (A bare null
    /// would convert through byte[] into an empty, non-null memory.)
    /// </summary>
    public static ReadOnlyMemory<byte>? KubernetesEnvelope(byte[] body) =>
        body.AsSpan().StartsWith("k8s\0"u8) ? body.AsMemory(4) : (ReadOnlyMemory<byte>?)null;

    public (int Field, int WireType) Next()
    {
        if (_position >= data.Length)
            return (0, 0);
        var key = Varint();
        return ((int)(key >> 3), (int)(key & 7));
    }

    public ulong Varint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= data.Length)
                throw new FormatException("a varint runs past the end of the message");
            var b = data.Span[_position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
                return value;
        }
        throw new FormatException("a varint is longer than 10 bytes");
    }

    public ReadOnlyMemory<byte> Bytes()
    {
        var length = Varint();
        if (length > (ulong)(data.Length - _position))
            throw new FormatException("a field runs past the end of the message");
        var bytes = data.Slice(_position, (int)length);
        _position += (int)length;
        return bytes;
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0: Varint(); break;
            case 1: Advance(8); break;
            case 2: Bytes(); break;
            case 5: Advance(4); break;
            default: throw new FormatException($"wire type {wireType} is not supported");
        }
    }

    private void Advance(int count)
    {
        if (_position + count > data.Length)
            throw new FormatException("a field runs past the end of the message");
        _position += count;
    }
}
