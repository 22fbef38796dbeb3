using GitOps.Model.Objects;

namespace GitOps.Store.PostgreSql;

/// <summary>One change-log entry this process committed, with its object as the JSON the log holds.</summary>
internal sealed record CommittedChange(long ResourceVersion, ChangeType Type, ResourceKey Key, string Json);
