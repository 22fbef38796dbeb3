using GitOps.Model.Json;
using GitOps.Model.Objects;

namespace GitOps.Model.Kinds;

/// <summary>A read-write view over a Namespace.</summary>
public sealed class Namespace(KubeObject obj) : ObjectView(obj)
{
    public const string ApiVersion = "v1";
    public const string Kind = "Namespace";
    public const string PhaseActive = "Active";
    public const string PhaseTerminating = "Terminating";

    public static Namespace Create(string name) => new(NewObject(ApiVersion, Kind, null, name));

    /// <summary>Active (the default) or Terminating.</summary>
    public string Phase { get => Object.Status?.GetString("phase") ?? PhaseActive; set => Object.EnsureStatus().SetString("phase", value); }
}
