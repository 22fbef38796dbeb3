using GitOps.Model.Objects;

namespace GitOps.Store.Writes;

/// <summary>
/// What a provider knows about one key before a batch is planned: its resourceVersion and,
/// when loaded, its object. A provider may leave <see cref="Object"/> null when the batch does not
/// delete the key; the planner then reports which failed writes still need it.
/// </summary>
internal sealed record StoredState(long ResourceVersion, KubeObject? Object);
