using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Model.Json;
using GitOps.Model.Objects;

namespace GitOps.Grains.Resources;

internal sealed partial class ResourceGrain
{
    public async Task<ResourceResult> PatchAsync(PatchRequest request, CancellationToken cancellationToken)
    {
        var (patch, unreadable) = ParseJson(request.Patch, "patch");
        if (unreadable is not null)
            return unreadable;
        await EnsureLoadedAsync(cancellationToken);
        if (_current is null)
            return NotFound();
        if (request.Subresource == Subresource.Scale)
        {
            var (scale, scaleError) = Patches.Apply(request.Type, ScaleView.Of(_current), patch);
            return scaleError is null
                ? await WriteScaleAsync(scale, cancellationToken)
                : new ResourceResult(ResourceOutcome.Invalid, null, $"the patch cannot be applied to the scale of {Describe(_key)}: {scaleError}");
        }

        var (patched, error) = Patches.Apply(request.Type, _current.Root, patch);
        if (error is not null)
            return new ResourceResult(ResourceOutcome.Invalid, null, $"the patch cannot be applied to {Describe(_key)}: {error}");
        if (patched is not JsonObject root)
            return new ResourceResult(ResourceOutcome.BadRequest, null, $"the patch of {Describe(_key)} must leave a JSON object");
        var obj = new KubeObject(root);
        if (IdentityChange(obj) is { } changed)
            return changed;
        // A patch that names a resourceVersion makes it a precondition; otherwise it applies to the latest state.
        if (PreconditionFailure(obj.Metadata.ResourceVersion, obj.Metadata.Uid) is { } conflict)
            return conflict;
        return request.Subresource == Subresource.Status
            ? await ReplaceStatusAsync(obj, cancellationToken)
            : await ReplaceObjectAsync(ReplacementOf(obj), "patch", cancellationToken);
    }

    public async Task<ResourceResult> ScaleAsync(ScaleRequest request, CancellationToken cancellationToken)
    {
        var (scale, unreadable) = ParseJson(request.Scale, "Scale");
        if (unreadable is not null)
            return unreadable;
        await EnsureLoadedAsync(cancellationToken);
        if (_current is null)
            return NotFound();
        return await WriteScaleAsync(scale, cancellationToken);
    }

    /// <summary>Writes the spec.replicas of a desired autoscaling/v1 Scale into the held object; its resourceVersion, when set, is a precondition.</summary>
    private async Task<ResourceResult> WriteScaleAsync(JsonNode? scale, CancellationToken cancellationToken)
    {
        var expected = (scale?["metadata"] as JsonObject)?.GetString("resourceVersion");
        if (PreconditionFailure(expected, null) is { } conflict)
            return conflict;
        if (scale?["spec"]?["replicas"] is not JsonValue value || value.GetValueKind() != JsonValueKind.Number
            || JsonFields.ToLong(value) is not { } replicas || replicas < 0)
        {
            return new ResourceResult(ResourceOutcome.Invalid, null, $"the scale of {Describe(_key)} is invalid: spec.replicas must be a non-negative integer",
                [new ResourceCause("FieldValueInvalid", "Invalid value: spec.replicas must be a non-negative integer", "spec.replicas")]);
        }
        var next = _current!.DeepClone();
        next.EnsureSpec()["replicas"] = replicas;
        return await ReplaceObjectAsync(next, "scale", cancellationToken);
    }

    /// <summary>BadRequest when a patch changed the name, namespace, kind or group: those name the object, they are not its content.</summary>
    private ResourceResult? IdentityChange(KubeObject patched)
    {
        var stored = _current!;
        string? why = null;
        if (patched.Metadata.Name != stored.Metadata.Name)
            why = $"a patch may not change metadata.name (from {stored.Metadata.Name} to {patched.Metadata.Name})";
        else if (patched.Metadata.Namespace != stored.Metadata.Namespace)
            why = $"a patch may not change metadata.namespace (from {stored.Metadata.Namespace} to {patched.Metadata.Namespace})";
        else if (patched.Kind != stored.Kind || patched.Group != stored.Group)
            why = $"a patch may not change the kind or API group of {Describe(_key)}";
        return why is null ? null : new ResourceResult(ResourceOutcome.BadRequest, null, why);
    }

    private static (JsonNode? Node, ResourceResult? Error) ParseJson(string text, string what)
    {
        try
        {
            return (JsonNode.Parse(text), null);
        }
        catch (JsonException e)
        {
            return (null, new ResourceResult(ResourceOutcome.BadRequest, null,
                string.Create(CultureInfo.InvariantCulture, $"the {what} is not valid JSON at line {(e.LineNumber ?? 0) + 1}: {e.Message}")));
        }
    }
}
