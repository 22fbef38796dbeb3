namespace GitOps.NodeAgent.Client;

/// <summary>One server of a <see cref="ServerRotation"/>: its place in the list, its address, and a token cancelled when the rotation moves away from it.</summary>
internal sealed record ActiveServer(int Index, Uri Uri, CancellationToken Left);
