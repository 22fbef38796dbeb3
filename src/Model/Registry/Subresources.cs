namespace GitOps.Model.Registry;

/// <summary>The subresources a kind serves beside the object itself.</summary>
[Flags]
public enum Subresources
{
    None = 0,

    /// <summary><c>/status</c>: status is written apart from spec.</summary>
    Status = 1,

    /// <summary><c>/scale</c>: an autoscaling/v1 Scale over <c>spec.replicas</c>.</summary>
    Scale = 2,
}
