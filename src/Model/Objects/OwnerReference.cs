namespace GitOps.Model.Objects;

public sealed record OwnerReference(
    string ApiVersion,
    string Kind,
    string Name,
    string Uid,
    bool Controller = false,
    bool BlockOwnerDeletion = false);
