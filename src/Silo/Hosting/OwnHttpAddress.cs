using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GitOps.Silo.Hosting;

/// <summary>The address this silo's HTTP server bound, as a client on the same machine calls it.</summary>
internal static class OwnHttpAddress
{
    /// <summary>The first http:// address (the in-process fleet's, the dashboard's), else the first.</summary>
    public static Uri Of(IServer server) => Local(Addresses(server).OrderBy(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase)).First());

    /// <summary>The first https:// address (kubectl's: it sends tokens only over HTTPS), if any.</summary>
    public static Uri? Secure(IServer server) =>
        Addresses(server).Where(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase)).Select(Local).FirstOrDefault();

    private static ICollection<string> Addresses(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses is { Count: > 0 } ? addresses : throw new InvalidOperationException("The silo has no HTTP address.");
    }

    private static Uri Local(string address) =>
        new(address.Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://127.0.0.1").Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1"));
}
