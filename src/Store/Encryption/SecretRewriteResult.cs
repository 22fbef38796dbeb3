namespace GitOps.Store.Encryption;

/// <summary>
/// What a rewrite of the stored Secrets did: objects and change-log entries rewritten under the write
/// key, those already under it, and the objects a concurrent write kept changing (each of those was
/// written by a silo with its own write key; run the rewrite again once every silo has the new key file).
/// </summary>
public sealed record SecretRewriteResult(int ObjectsRewritten, int ChangesRewritten, int AlreadyCurrent, IReadOnlyList<string> StillChanging);
