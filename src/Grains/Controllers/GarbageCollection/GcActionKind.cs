namespace GitOps.Grains.Controllers.GarbageCollection;

/// <summary>What a <see cref="GcAction"/> does to its object.</summary>
public enum GcActionKind { Delete, RemoveOwnerReferences, RemoveFinalizer }
