using System.Text.Json.Serialization;

namespace GitOps.GitSync.Sync;

[GenerateSerializer, Alias("GitOps.ObjectSyncCode")]
[JsonConverter(typeof(JsonStringEnumConverter<ObjectSyncCode>))]
public enum ObjectSyncCode { Synced, OutOfSync, Failed, Conflict }

/// <summary>
/// An object's sync status with the reason when it is not Synced. Conflict: another source declares an
/// object this one manages, or manages an object this one declares.
/// </summary>
[GenerateSerializer, Alias("GitOps.ObjectSyncStatus")]
public sealed record ObjectSyncStatus(ObjectSyncCode Status, string? Message = null);
