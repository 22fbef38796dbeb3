namespace GitOps.Grains.Informers;

/// <summary>Whether a <see cref="FeedChange"/> brings an object's new state or its removal.</summary>
public enum FeedChangeKind { Upserted, Deleted }
