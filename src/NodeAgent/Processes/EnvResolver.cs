using System.Text;
using System.Text.Json.Nodes;
using GitOps.Model.Objects;
using GitOps.NodeAgent.Client;
using GitOps.NodeAgent.Pods.Spec;

namespace GitOps.NodeAgent.Processes;

/// <summary>
/// Builds a container's environment from its <c>env</c>: literal values (with <c>$(VAR)</c>
/// references to earlier entries), config map and secret keys fetched through the API, and
/// downward-API fields of the pod. A missing required reference is an error naming it, as the
/// kubelet's CreateContainerConfigError does.
/// </summary>
internal sealed class EnvResolver(KubeClient client)
{
    public async Task<EnvResolution> ResolveAsync(KubeObject pod, ContainerModel container, string podIp, CancellationToken cancellationToken)
    {
        var ns = pod.Metadata.Namespace ?? "default";
        var variables = new List<KeyValuePair<string, string>>();
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        var configMaps = new Dictionary<string, KubeObject?>(StringComparer.Ordinal);
        var secrets = new Dictionary<string, KubeObject?>(StringComparer.Ordinal);
        foreach (var env in container.Env)
        {
            string? value;
            if (env.ValueFrom is null)
            {
                value = VariableExpander.Expand(env.Value ?? "", known);
            }
            else if (env.ValueFrom.ConfigMapKeyRef is { } configMapKey)
            {
                var configMap = await FetchAsync(configMaps, ResourcePath.ConfigMap(ns, configMapKey.Name), cancellationToken);
                value = configMap?.Root["data"]?[configMapKey.Key]?.GetValue<string>();
                if (value is null && configMapKey.Optional != true)
                    return Failed(configMap is null
                        ? $"configmap \"{configMapKey.Name}\" not found (env {env.Name} of container {container.Name})"
                        : $"couldn't find key {configMapKey.Key} in ConfigMap {ns}/{configMapKey.Name} (env {env.Name} of container {container.Name})");
            }
            else if (env.ValueFrom.SecretKeyRef is { } secretKey)
            {
                var secret = await FetchAsync(secrets, ResourcePath.Secret(ns, secretKey.Name), cancellationToken);
                value = SecretValue(secret, secretKey.Key);
                if (value is null && secretKey.Optional != true)
                    return Failed(secret is null
                        ? $"secret \"{secretKey.Name}\" not found (env {env.Name} of container {container.Name})"
                        : $"couldn't find key {secretKey.Key} in Secret {ns}/{secretKey.Name} (env {env.Name} of container {container.Name})");
            }
            else if (env.ValueFrom.FieldRef is { } fieldRef)
            {
                value = FieldValue(pod, fieldRef.FieldPath, podIp);
                if (value is null)
                    return Failed($"unsupported fieldRef {fieldRef.FieldPath} (env {env.Name} of container {container.Name})");
            }
            else
            {
                value = null;
            }
            if (value is null)
                continue;
            variables.Add(new(env.Name, value));
            known[env.Name] = value;
        }
        return new EnvResolution(variables, null);
    }

    private async Task<KubeObject?> FetchAsync(Dictionary<string, KubeObject?> cache, ResourcePath path, CancellationToken cancellationToken)
    {
        var key = path.ToUrlPath();
        if (cache.TryGetValue(key, out var cached))
            return cached;
        var result = await client.GetAsync(path, cancellationToken);
        var obj = result.IsSuccess ? result.Object : null;
        if (!result.IsSuccess && !result.IsNotFound)
            throw new KubeApiException($"Reading {key} for a container's environment failed: {result.Error}", result.StatusCode);
        cache[key] = obj;
        return obj;
    }

    private static string? SecretValue(KubeObject? secret, string key)
    {
        if (secret?.Root["data"]?[key] is JsonValue encoded && encoded.TryGetValue<string>(out var base64))
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            }
            catch (FormatException)
            {
                return null;
            }
        }
        return secret?.Root["stringData"]?[key]?.GetValue<string>();
    }

    private static string? FieldValue(KubeObject pod, string fieldPath, string podIp)
    {
        switch (fieldPath)
        {
            case "metadata.name": return pod.Metadata.Name;
            case "metadata.namespace": return pod.Metadata.Namespace;
            case "metadata.uid": return pod.Metadata.Uid;
            case "spec.nodeName": return pod.Spec?["nodeName"]?.GetValue<string>();
            case "spec.serviceAccountName": return pod.Spec?["serviceAccountName"]?.GetValue<string>() ?? "default";
            case "status.podIP" or "status.hostIP": return podIp;
        }
        foreach (var (prefix, map) in new[] { ("metadata.labels['", pod.Metadata.Labels), ("metadata.annotations['", pod.Metadata.Annotations) })
        {
            if (fieldPath.StartsWith(prefix, StringComparison.Ordinal) && fieldPath.EndsWith("']", StringComparison.Ordinal))
                return map.GetValueOrDefault(fieldPath[prefix.Length..^2]) ?? "";
        }
        return null;
    }

    private static EnvResolution Failed(string error) => new([], error);
}
