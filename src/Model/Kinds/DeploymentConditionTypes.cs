namespace GitOps.Model.Kinds;

public static class DeploymentConditionTypes
{
    public const string Available = "Available";
    public const string Progressing = "Progressing";
    public const string ReplicaFailure = "ReplicaFailure";

    public const string ReasonMinimumReplicasAvailable = "MinimumReplicasAvailable";
    public const string ReasonMinimumReplicasUnavailable = "MinimumReplicasUnavailable";
    public const string ReasonNewReplicaSetCreated = "NewReplicaSetCreated";
    public const string ReasonFoundNewReplicaSet = "FoundNewReplicaSet";
    public const string ReasonReplicaSetUpdated = "ReplicaSetUpdated";
    public const string ReasonNewReplicaSetAvailable = "NewReplicaSetAvailable";
    public const string ReasonProgressDeadlineExceeded = "ProgressDeadlineExceeded";
    public const string ReasonDeploymentPaused = "DeploymentPaused";
    public const string ReasonDeploymentResumed = "DeploymentResumed";
}
