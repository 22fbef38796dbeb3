using GitOps.Grains.Controllers.Infrastructure;
using GitOps.Model.Kinds;
using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Workloads.Pods;

/// <summary>Builds a controller's pods from its pod template, as Kubernetes' GetPodFromTemplate does.</summary>
public static class PodFactory
{
    /// <summary>
    /// A new Pod named <paramref name="name"/> in the owner's namespace: the template's labels,
    /// annotations and spec (copied, never shared), <c>generateName</c> <c>{owner}-</c>, and a
    /// controller reference to <paramref name="owner"/>.
    /// </summary>
    public static KubeObject FromTemplate(KubeObject owner, PodTemplate template, string name)
    {
        var pod = Pod.Create(owner.Metadata.Namespace ?? "", name);
        var metadata = pod.Metadata;
        metadata.GenerateName = $"{owner.Metadata.Name}-";
        foreach (var (key, value) in template.Labels)
            metadata.SetLabel(key, value);
        if (template.Node["metadata"] is System.Text.Json.Nodes.JsonObject templateMetadata)
        {
            foreach (var (key, value) in new ObjectMeta(templateMetadata).Annotations)
                metadata.SetAnnotation(key, value);
        }
        metadata.SetOwnerReferences([Ownership.ControllerReferenceTo(owner)]);
        pod.Object.Spec = template.Node["spec"]?.DeepClone() as System.Text.Json.Nodes.JsonObject ?? [];
        return pod.Object;
    }

    /// <summary>A name for a new pod of <paramref name="owner"/>: <c>{owner}-{5 random characters}</c>.</summary>
    public static string NewName(KubeObject owner) => GeneratedNames.Generate($"{owner.Metadata.Name}-");
}
