namespace GitOps.Runtime.Placement;

/// <summary>A silo of the cluster: its stable id and, for multi-silo forwarding, where it listens.</summary>
public sealed record SiloAddress(string SiloId, Uri? Endpoint = null)
{
    public override string ToString() => Endpoint is null ? SiloId : $"{SiloId}@{Endpoint}";
}
