using System.CommandLine;
using System.Net;
using GitOps.Model.Quantities;
using GitOps.NodeAgent.Client;
using GitOps.NodeAgent.Hosting;
using GitOps.NodeAgent.Nodes;
using GitOps.NodeAgent.Processes;
using GitOps.NodeAgent.Simulated;
using Microsoft.Extensions.Logging;

namespace GitOps.NodeAgent.Cli;

/// <summary>Turns the parsed command line into <see cref="AgentSettings"/>, collecting every problem with the option at fault.</summary>
internal static class AgentSettingsReader
{
    public static AgentSettings? Read(ParseResult parse, CliOptions options, List<string> errors)
    {
        var servers = ReadServers(parse.GetValue(options.Servers) ?? [], errors);
        var runtime = parse.GetValue(options.Runtime) ?? AgentSettings.SimulatedRuntime;
        if (runtime is not (AgentSettings.SimulatedRuntime or AgentSettings.ProcessRuntime))
            errors.Add($"--runtime '{runtime}' is not a runtime: use simulated or process.");
        var heartbeat = new HeartbeatOptions
        {
            LeaseRenewInterval = Duration(parse, options.HeartbeatInterval, errors),
            NodeStatusInterval = Duration(parse, options.NodeStatusInterval, errors),
            LeaseDuration = Duration(parse, options.LeaseDuration, errors),
        };
        var host = new AgentHostOptions { Heartbeat = heartbeat, StatusWriteConcurrency = parse.GetValue(options.StatusWriters) };
        if (host.StatusWriteConcurrency < 1)
            errors.Add($"--status-writers is {host.StatusWriteConcurrency}; it must be at least 1.");
        var labels = ReadLabels(parse.GetValue(options.Labels) ?? [], errors);
        var taints = (parse.GetValue(options.Taints) ?? []).Select(t => CliOptions.ParseTaint(t, errors)).OfType<NodeTaint>().ToList();
        var restartBackoff = Duration(parse, options.RestartBackoff, errors);
        var fleet = new SimulatedFleetOptions
        {
            Servers = servers,
            NodeCount = parse.GetValue(options.Nodes),
            NamePrefix = parse.GetValue(options.NamePrefix) ?? SimulatedFleetOptions.DefaultNamePrefix,
            Cpu = parse.GetValue(options.Cpu) ?? SimulatedFleetOptions.DefaultCpu,
            Memory = parse.GetValue(options.Memory) ?? SimulatedFleetOptions.DefaultMemory,
            PodsPerNode = parse.GetValue(options.MaxPods),
            InstanceType = parse.GetValue(options.InstanceType) ?? SimulatedFleetOptions.DefaultInstanceType,
            Labels = labels,
            Taints = taints,
            Host = host,
            MaxConcurrentRequests = parse.GetValue(options.MaxConcurrentRequests),
            Pods = new SimulatedPodOptions
            {
                StartDelay = Duration(parse, options.StartDelay, errors),
                FailurePercent = parse.GetValue(options.FailureRate),
                CrashAfter = Duration(parse, options.CrashAfter, errors),
                CompleteAfter = Duration(parse, options.CompleteAfter, errors),
                RestartBackoff = restartBackoff,
                MaxRestartBackoff = restartBackoff > SimulatedPodOptions.DefaultMaxRestartBackoff ? restartBackoff : SimulatedPodOptions.DefaultMaxRestartBackoff,
            },
        };
        var processNode = ReadProcessNode(parse, options, labels, taints, errors);
        var process = new ProcessRuntimeOptions
        {
            WorkDirectory = parse.GetValue(options.WorkDir) ?? Path.Combine(Path.GetTempPath(), "gitops-node-agent", processNode.Name),
            RestartBackoff = restartBackoff,
            MaxRestartBackoff = restartBackoff > ProcessRuntimeOptions.DefaultMaxRestartBackoff ? restartBackoff : ProcessRuntimeOptions.DefaultMaxRestartBackoff,
            RunAsUser = parse.GetValue(options.RunAsUser),
        };
        if (runtime == AgentSettings.ProcessRuntime)
        {
            errors.AddRange(process.Validate());
        }
        else
        {
            errors.AddRange(fleet.Validate().Where(e => !e.StartsWith("--server", StringComparison.Ordinal)));
            // The process runtime runs commands from pod specs on this host: only ever when asked for by name.
            foreach (var option in new Option[] { options.WorkDir, options.RunAsUser, options.NodeName })
            {
                if (parse.GetResult(option) is { Implicit: false })
                    errors.Add($"{option.Name} applies to the process runtime, which is off: the simulated runtime is the default. Pass --runtime process to run pods' commands as local processes on this host.");
            }
        }
        IReadOnlySet<string> nodeNames = runtime == AgentSettings.ProcessRuntime
            ? new HashSet<string>(StringComparer.Ordinal) { processNode.Name }
            : fleet.NodeCount is >= 1 and <= SimulatedFleetOptions.MaxNodeCount
                ? fleet.NodeTemplates().Select(n => n.Name).ToHashSet(StringComparer.Ordinal)
                : new HashSet<string>(StringComparer.Ordinal);
        var credentials = AgentCredentials.Read(parse.GetValue(options.TokenFile), parse.GetValue(options.TokenDir), nodeNames, errors);
        fleet.Credentials = credentials;
        var stops = ReadStops(parse.GetValue(options.StopHeartbeatAfter) ?? [], nodeNames, errors);
        if (!Enum.TryParse<LogLevel>(parse.GetValue(options.LogLevel), ignoreCase: true, out var logLevel))
            errors.Add($"--log-level '{parse.GetValue(options.LogLevel)}' is not a level: use Trace, Debug, Information, Warning or Error.");
        if (errors.Count > 0)
            return null;
        return new AgentSettings(runtime, servers, credentials, fleet, processNode, process, host, fleet.MaxConcurrentRequests, stops, parse.GetValue(options.ControlStdin), logLevel);
    }

    private static List<Uri> ReadServers(string[] texts, List<string> errors)
    {
        var servers = new List<Uri>();
        foreach (var text in texts)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                errors.Add($"--server '{text}' is not an http:// or https:// URL of the API server (e.g. http://127.0.0.1:8080).");
            else if (servers.Contains(uri))
                errors.Add($"--server '{text}' is given more than once; list each API server once.");
            else
                servers.Add(uri);
        }
        if (texts.Length == 0)
            errors.Add("--server is required: the API server's base URL, e.g. http://127.0.0.1:8080 (repeat it for each silo).");
        return servers;
    }

    private static NodeTemplate ReadProcessNode(ParseResult parse, CliOptions options, Dictionary<string, string> labels, List<NodeTaint> taints, List<string> errors)
    {
        var runtimeIsProcess = parse.GetValue(options.Runtime) == AgentSettings.ProcessRuntime;
        var name = parse.GetValue(options.NodeName) ?? Environment.MachineName.ToLowerInvariant();
        if (runtimeIsProcess && !NodeNames.IsValid(name))
            errors.Add($"--node-name '{name}' is not a valid node name: use lower-case letters, digits, '-' and '.'.");
        var ip = parse.GetValue(options.NodeIp) ?? "127.0.0.1";
        if (runtimeIsProcess && (!IPAddress.TryParse(ip, out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork))
            errors.Add($"--node-ip '{ip}' is not an IPv4 address.");
        var cpu = parse.GetValue(options.Cpu) ?? Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var memoryBytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var memory = parse.GetValue(options.Memory) ?? $"{Math.Max(1, memoryBytes / (1024 * 1024))}Mi";
        if (runtimeIsProcess && (!Quantity.TryParse(cpu, out var cpuQuantity) || cpuQuantity.IsZero))
            errors.Add($"--cpu '{cpu}' is not a positive quantity such as 4 or 3500m.");
        if (runtimeIsProcess && (!Quantity.TryParse(memory, out var memoryQuantity) || memoryQuantity.IsZero))
            errors.Add($"--memory '{memory}' is not a positive quantity such as 16Gi.");
        var pods = parse.GetValue(options.MaxPods);
        if (runtimeIsProcess && pods is < 1 or > 4094)
            errors.Add($"--max-pods is {pods}; it must be from 1 to 4094.");
        return new NodeTemplate(name, cpu, memory, pods, ip, "10.244.0.0/24", parse.GetValue(options.InstanceType) ?? "local", "process", labels, taints);
    }

    private static Dictionary<string, string> ReadLabels(string[] texts, List<string> errors)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            var equals = text.IndexOf('=');
            if (equals <= 0)
                errors.Add($"--label '{text}' is not key=value.");
            else
                labels[text[..equals]] = text[(equals + 1)..];
        }
        return labels;
    }

    private static List<KeyValuePair<string, TimeSpan>> ReadStops(string[] texts, IReadOnlySet<string> nodes, List<string> errors)
    {
        var stops = new List<KeyValuePair<string, TimeSpan>>();
        foreach (var text in texts)
        {
            var equals = text.IndexOf('=');
            if (equals <= 0 || !DurationText.TryParse(text[(equals + 1)..], out var after))
            {
                errors.Add($"--stop-heartbeat-after '{text}' is not node=duration (e.g. sim-node-2=30s).");
                continue;
            }
            var node = text[..equals];
            if (!nodes.Contains(node))
                errors.Add($"--stop-heartbeat-after names node '{node}', which this agent does not serve.");
            else
                stops.Add(new(node, after));
        }
        return stops;
    }

    private static TimeSpan Duration(ParseResult parse, Option<string> option, List<string> errors)
    {
        var text = parse.GetValue(option);
        if (DurationText.TryParse(text, out var duration))
            return duration;
        errors.Add($"{option.Name} '{text}' is not a duration: write e.g. 500ms, 10s, 1m30s or 00:00:10.");
        return TimeSpan.Zero;
    }
}
