using System.Text.Json.Nodes;
using GitOps.Model.Json;

namespace GitOps.Model.Kinds;

/// <summary>A read-write view over a liveness, readiness or startup probe, with Kubernetes' defaults.</summary>
public sealed class Probe(JsonObject node)
{
    public JsonObject Node { get; } = node;

    public int InitialDelaySeconds { get => Node.GetInt("initialDelaySeconds") ?? 0; set => Node.SetInt("initialDelaySeconds", value); }

    public int PeriodSeconds { get => Node.GetInt("periodSeconds") ?? 10; set => Node.SetInt("periodSeconds", value); }

    public int TimeoutSeconds { get => Node.GetInt("timeoutSeconds") ?? 1; set => Node.SetInt("timeoutSeconds", value); }

    public int SuccessThreshold { get => Node.GetInt("successThreshold") ?? 1; set => Node.SetInt("successThreshold", value); }

    public int FailureThreshold { get => Node.GetInt("failureThreshold") ?? 3; set => Node.SetInt("failureThreshold", value); }

    /// <summary>The command of an <c>exec</c> probe; empty for other probe types.</summary>
    public IReadOnlyList<string> ExecCommand => Node.GetObject("exec")?.GetStringList("command") ?? [];

    public string? HttpGetPath => Node.GetObject("httpGet")?.GetString("path");

    public IntOrString? HttpGetPort => IntOrString.FromJson(Node.GetObject("httpGet")?["port"]);

    public string? HttpGetHost => Node.GetObject("httpGet")?.GetString("host");

    public string? HttpGetScheme => Node.GetObject("httpGet")?.GetString("scheme");

    public IntOrString? TcpSocketPort => IntOrString.FromJson(Node.GetObject("tcpSocket")?["port"]);
}
