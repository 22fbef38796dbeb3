using System.Net;

namespace GitOps.NodeAgent.Nodes;

/// <summary>
/// Hands out pod IPs from one node's CIDR (network and broadcast addresses excluded), lowest free
/// first, and takes them back when pods go. Thread-safe.
/// </summary>
public sealed class PodAddressPool
{
    private readonly uint _first;
    private readonly int _size;
    private readonly bool[] _used;
    private readonly Dictionary<string, int> _byOwner = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public PodAddressPool(string cidr)
    {
        var slash = cidr.IndexOf('/');
        if (slash < 0 || !IPAddress.TryParse(cidr[..slash], out var network) || !int.TryParse(cidr[(slash + 1)..], out var prefix) || prefix is < 8 or > 30)
            throw new FormatException($"'{cidr}' is not an IPv4 CIDR with a prefix between /8 and /30 (e.g. 10.0.1.0/24).");
        var bytes = network.GetAddressBytes();
        var baseAddress = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        _first = baseAddress + 1;
        _size = (1 << (32 - prefix)) - 2;
        _used = new bool[_size];
    }

    /// <summary>The IP of <paramref name="owner"/> (a pod uid): the one it already has, else the lowest free; null when the CIDR is full.</summary>
    public string? Allocate(string owner)
    {
        lock (_lock)
        {
            if (_byOwner.TryGetValue(owner, out var existing))
                return Format(existing);
            for (var i = 0; i < _size; i++)
            {
                if (_used[i])
                    continue;
                _used[i] = true;
                _byOwner[owner] = i;
                return Format(i);
            }
            return null;
        }
    }

    /// <summary>Gives <paramref name="owner"/> the address it already had (an agent restarting finds running pods); false when taken or outside the CIDR.</summary>
    public bool Claim(string owner, string address)
    {
        if (!IPAddress.TryParse(address, out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            return false;
        var bytes = ip.GetAddressBytes();
        var index = (long)(uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]) - _first;
        lock (_lock)
        {
            if (index < 0 || index >= _size || (_used[index] && (!_byOwner.TryGetValue(owner, out var mine) || mine != index)))
                return false;
            if (_byOwner.Remove(owner, out var previous))
                _used[previous] = false;
            _used[index] = true;
            _byOwner[owner] = (int)index;
            return true;
        }
    }

    public void Release(string owner)
    {
        lock (_lock)
        {
            if (_byOwner.Remove(owner, out var index))
                _used[index] = false;
        }
    }

    /// <summary>The <paramref name="index"/>-th block of <paramref name="prefixLength"/> bits inside <paramref name="baseAddress"/>'s network.</summary>
    public static string Subnet(string baseAddress, int index, int prefixLength)
    {
        var bytes = IPAddress.Parse(baseAddress).GetAddressBytes();
        var start = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]) + (uint)index * (1u << (32 - prefixLength));
        return $"{ToText(start)}/{prefixLength}";
    }

    /// <summary>The smallest prefix length whose block holds <paramref name="pods"/> addresses plus network and broadcast.</summary>
    public static int PrefixLengthFor(int pods)
    {
        var bits = 2;
        while ((1 << bits) - 2 < pods)
            bits++;
        return Math.Min(32 - bits, 24);
    }

    private string Format(int index) => ToText(_first + (uint)index);

    private static string ToText(uint address) =>
        $"{address >> 24}.{(address >> 16) & 255}.{(address >> 8) & 255}.{address & 255}";
}
