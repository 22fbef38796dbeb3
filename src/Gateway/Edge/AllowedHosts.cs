using System.Net;
using GitOps.Gateway.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace GitOps.Gateway.Edge;

/// <summary>
/// The host names this silo answers to: localhost, the machine's names, the names it is bound to,
/// its cluster address (<c>GitOps:Cluster:AdvertisedAddress</c>) and <see cref="GatewayOptions.AllowedHosts"/>.
/// Any IP address is accepted: only a name can be rebound by DNS to reach this silo from a web page.
/// An entry <c>*</c> in <see cref="GatewayOptions.AllowedHosts"/> accepts every host.
/// </summary>
internal sealed class AllowedHosts(IServer server, IOptions<GatewayOptions> options)
{
    private HashSet<string>? _names;

    public bool AcceptsAny => options.Value.AllowedHosts.Contains("*");

    public bool Accepts(string host)
    {
        var name = host.Trim('[', ']').TrimEnd('.');
        if (name.Length == 0 || AcceptsAny || IPAddress.TryParse(name, out _))
            return true;
        _names ??= Collect();
        return _names.Contains(name);
    }

    public IEnumerable<string> Names => _names ??= Collect();

    private HashSet<string> Collect()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "localhost", Environment.MachineName, Dns.GetHostName() };
        foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            if (Uri.TryCreate(address.Replace("://+", "://any", StringComparison.Ordinal).Replace("://*", "://any", StringComparison.Ordinal), UriKind.Absolute, out var uri))
                names.Add(uri.Host);
        }
        foreach (var name in options.Value.AllowedHosts.Append(options.Value.AdvertisedAddress))
        {
            if (!string.IsNullOrWhiteSpace(name))
                names.Add(name.Trim().TrimEnd('.'));
        }
        names.Remove("any");
        return names;
    }
}
