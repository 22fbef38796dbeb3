namespace GitOps.Runtime.Activations;

internal enum ActivationState { Created, Valid, Deactivating, Defunct }
