namespace GitOps.NodeAgent.Pods.Status;

public enum ContainerStateKind { Waiting, Running, Terminated }
