using GitOps.Model.Objects;

namespace GitOps.Grains.Resources;

/// <summary>
/// Records, in <c>metadata.managedFields</c> (where Kubernetes' server-side apply records field
/// ownership, and which <c>kubectl get</c> hides), every field the last ApplyDesired took from
/// Git, so a field removed from Git is removed from the object while fields others set (a
/// scheduler's <c>spec.nodeName</c>, a label a controller added) stay.
/// </summary>
internal static class GitManagedFields
{
    public const string Manager = "gitops";

    /// <summary>The fields Git set last time; empty for an object Git never applied.</summary>
    public static FieldSet Read(KubeObject obj) => FieldSet.OfManager(obj, Manager) ?? FieldSet.Declared([]);

    /// <summary>Replaces the gitops entry when <paramref name="owned"/> differs from the recorded set (other managers' entries stay).</summary>
    public static void Write(KubeObject obj, FieldSet owned, DateTimeOffset now) =>
        ManagedFieldEntries.Record(obj, Manager, ManagedFieldEntries.ApplyOperation, owned, now);
}
