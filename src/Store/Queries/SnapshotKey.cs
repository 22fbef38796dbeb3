namespace GitOps.Store.Queries;

/// <summary>An object's position in list order: (namespace, name), compared ordinally as PostgreSQL's "C" collation does.</summary>
internal readonly record struct SnapshotKey(string Namespace, string Name) : IComparable<SnapshotKey>
{
    public int CompareTo(SnapshotKey other)
    {
        var byNamespace = string.CompareOrdinal(Namespace, other.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(Name, other.Name);
    }
}
