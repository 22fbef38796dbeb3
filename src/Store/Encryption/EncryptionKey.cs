namespace GitOps.Store.Encryption;

/// <summary>One named AES-256 key of the key file. The name is stored with every value it encrypts.</summary>
public sealed record EncryptionKey(string Name, byte[] Secret);
