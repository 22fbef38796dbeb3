namespace GitOps.Runtime.References;

internal enum ReturnKind { Task, TaskOfT, ValueTask, ValueTaskOfT }
