namespace GitOps.Store;

/// <summary>
/// A stored Secret cannot be decrypted: the key file does not list the key it was written with, or
/// that key's secret differs. The message names the Secret, the key id and the key file, and never
/// carries any of the Secret's data. It crosses grain calls as itself (a GitOps type).
/// </summary>
public sealed class SecretDecryptionException(string message) : Exception(message);
