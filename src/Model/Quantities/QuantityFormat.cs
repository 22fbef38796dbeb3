namespace GitOps.Model.Quantities;

/// <summary>How a quantity was written, which decides how it is printed back (as Kubernetes keeps it).</summary>
public enum QuantityFormat
{
    /// <summary>Powers of ten with SI suffixes: <c>250m</c>, <c>1k</c>, <c>1G</c>.</summary>
    DecimalSI,

    /// <summary>Powers of 1024: <c>128Mi</c>, <c>2Ki</c>.</summary>
    BinarySI,

    /// <summary>Scientific notation: <c>1e3</c>.</summary>
    DecimalExponent,
}
