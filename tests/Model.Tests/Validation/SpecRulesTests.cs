using System.Text.Json.Nodes;
using GitOps.Model.Objects;
using GitOps.Model.Validation;

namespace GitOps.Model.Tests.Validation;

public sealed class SpecRulesTests
{
    private const string Container = """{"name":"web","image":"nginx:1.27","ports":[{"containerPort":8080}]}""";
    private const string Template = """{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[CONTAINER]}}""";

    /// <summary>An object of <paramref name="kind"/> with <paramref name="spec"/>, where TEMPLATE and CONTAINER stand for a valid pod template and container.</summary>
    private static KubeObject Object(string apiVersion, string kind, string spec)
    {
        var json = """{"apiVersion":"API","kind":"KIND","metadata":{"name":"web","namespace":"default"},"spec":SPEC}"""
            .Replace("API", apiVersion).Replace("KIND", kind).Replace("SPEC", spec)
            .Replace("TEMPLATE", Template).Replace("CONTAINER", Container);
        return new KubeObject((JsonObject)JsonNode.Parse(json)!);
    }

    private static KubeObject Pod(string spec) => Object("v1", "Pod", spec);

    private static KubeObject Workload(string apiVersion, string kind, string spec) => Object(apiVersion, kind, spec);

    private static Dictionary<string, string> Errors(KubeObject obj) =>
        ObjectValidator.Validate(obj).ToDictionary(e => e.Field, e => e.Message);

    [Fact]
    public void A_valid_pod_deployment_job_cronjob_and_service_pass()
    {
        Assert.Empty(Errors(Pod("""{"containers":[CONTAINER],"restartPolicy":"Never"}""")));
        Assert.Empty(Errors(Workload("apps/v1", "Deployment", """{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":TEMPLATE}""")));
        Assert.Empty(Errors(Workload("apps/v1", "DaemonSet", """{"selector":{"matchExpressions":[{"key":"app","operator":"In","values":["web"]}]},"template":TEMPLATE}""")));
        Assert.Empty(Errors(Workload("batch/v1", "Job", """{"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[CONTAINER],"restartPolicy":"OnFailure"}}}""")));
        Assert.Empty(Errors(Workload("batch/v1", "CronJob", """{"schedule":"*/5 * * * *","jobTemplate":{"spec":{"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[CONTAINER],"restartPolicy":"Never"}}}}}""")));
        Assert.Empty(Errors(Workload("v1", "Service", """{"selector":{"app":"web"},"ports":[{"name":"http","port":80,"targetPort":8080},{"name":"admin","port":81,"targetPort":"admin"}]}""")));
    }

    [Fact]
    public void A_pod_needs_containers_with_unique_names_and_images_and_a_known_restart_policy()
    {
        Assert.StartsWith("Required value", Errors(Pod("""{}"""))["spec.containers"]);
        var errors = Errors(Pod("""{"containers":[{"name":"web","image":""},{"name":"web","image":"nginx","ports":[{"containerPort":70000}]}],"restartPolicy":"Sometimes"}"""));
        Assert.StartsWith("Required value", errors["spec.containers[0].image"]);
        Assert.StartsWith("Duplicate value", errors["spec.containers[1].name"]);
        Assert.Equal("must be between 1 and 65535, inclusive", errors["spec.containers[1].ports[0].containerPort"]);
        Assert.StartsWith("Unsupported value: supported values: \"Always\", \"OnFailure\", \"Never\"", errors["spec.restartPolicy"]);
        Assert.Contains("RFC 1123 label", Errors(Pod("""{"containers":[{"name":"Web_1","image":"nginx"}]}"""))["spec.containers[0].name"]);
    }

    [Fact]
    public void A_deployment_needs_a_selector_that_matches_its_template_and_no_negative_replicas()
    {
        Assert.StartsWith("Required value", Errors(Workload("apps/v1", "Deployment", """{"template":TEMPLATE}"""))["spec.selector"]);
        Assert.StartsWith("Required value", Errors(Workload("apps/v1", "Deployment", """{"selector":{},"template":TEMPLATE}"""))["spec.selector"]);
        var mismatch = Errors(Workload("apps/v1", "Deployment", """{"replicas":-1,"selector":{"matchLabels":{"app":"api"}},"template":TEMPLATE}"""));
        Assert.Contains("`selector` does not match template `labels`", mismatch["spec.template.metadata.labels"]);
        Assert.Equal("must be greater than or equal to 0", mismatch["spec.replicas"]);
        var restart = Errors(Workload("apps/v1", "ReplicaSet", """{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[CONTAINER],"restartPolicy":"Never"}}}"""));
        Assert.StartsWith("Unsupported value: supported values: \"Always\"", restart["spec.template.spec.restartPolicy"]);
        Assert.StartsWith("Required value", Errors(Workload("apps/v1", "StatefulSet", """{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}}}}"""))["spec.template.spec"]);
    }

    [Fact]
    public void A_job_must_not_restart_always_and_a_cronjob_needs_a_schedule()
    {
        Assert.StartsWith("Required value: supported values: \"OnFailure\", \"Never\"",
            Errors(Workload("batch/v1", "Job", """{"template":TEMPLATE}"""))["spec.template.spec.restartPolicy"]);
        var cronJob = Errors(Workload("batch/v1", "CronJob", """{"jobTemplate":{"spec":{"completions":-2,"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[CONTAINER],"restartPolicy":"Always"}}}}}"""));
        Assert.StartsWith("Required value", cronJob["spec.schedule"]);
        Assert.Equal("must be greater than or equal to 0", cronJob["spec.jobTemplate.spec.completions"]);
        Assert.StartsWith("Unsupported value", cronJob["spec.jobTemplate.spec.template.spec.restartPolicy"]);
    }

    [Fact]
    public void Service_ports_are_in_range_and_named_when_there_are_several()
    {
        var errors = Errors(Workload("v1", "Service", """{"ports":[{"port":0},{"port":443,"targetPort":99999}]}"""));
        Assert.Equal("must be between 1 and 65535, inclusive", errors["spec.ports[0].port"]);
        Assert.Equal("must be between 1 and 65535, inclusive", errors["spec.ports[1].targetPort"]);
        Assert.StartsWith("Required value", errors["spec.ports[1].name"]);
    }

    [Fact]
    public void Kinds_without_spec_rules_and_custom_kinds_keep_only_the_metadata_checks()
    {
        Assert.Empty(Errors(Workload("v1", "ConfigMap", "{}")));
        Assert.Empty(Errors(Workload("example.com/v1", "Pod", "{}")));
        Assert.Empty(Errors(Workload("extensions/v1beta1", "Deployment", "{}")));
    }
}
