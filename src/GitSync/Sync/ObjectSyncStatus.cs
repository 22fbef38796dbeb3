using System.Text.Json.Serialization;

namespace GitOps.GitSync.Sync;

[GenerateSerializer, Alias("GitOps.ObjectSyncCode")]
[JsonConverter(typeof(JsonStringEnumConverter<ObjectSyncCode>))]
public enum ObjectSyncCode { Synced, OutOfSync, Failed }

/// <summary>An object's sync status with the reason when it is not Synced.</summary>
[GenerateSerializer, Alias("GitOps.ObjectSyncStatus")]
public sealed record ObjectSyncStatus(ObjectSyncCode Status, string? Message = null);
