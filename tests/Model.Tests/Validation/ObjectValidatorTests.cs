using System.Text.Json.Nodes;
using GitOps.Model.Objects;
using GitOps.Model.Validation;

namespace GitOps.Model.Tests.Validation;

public sealed class ObjectValidatorTests
{
    private static IReadOnlyList<FieldError> Validate(string apiVersion, string kind, string name, string? ns = null) =>
        ObjectValidator.Validate(new KubeObject(apiVersion, kind, ns, name));

    [Fact]
    public void Rbac_kinds_allow_colons_in_names()
    {
        Assert.Empty(Validate("rbac.authorization.k8s.io/v1", "ClusterRole", "system:aggregated-metrics-reader"));
        Assert.Empty(Validate("rbac.authorization.k8s.io/v1", "RoleBinding", "system:auth-delegator", "kube-system"));
        Assert.Contains(Validate("rbac.authorization.k8s.io/v1", "ClusterRole", "a/b"), e => e.Message == "may not contain '/'");
    }

    [Fact]
    public void Built_in_kinds_require_dns_subdomain_names()
    {
        var error = Assert.Single(Validate("apps/v1", "ControllerRevision", "system:web", "default"));
        Assert.Equal("metadata.name", error.Field);
        Assert.Equal("system:web", error.Value);
        Assert.StartsWith("metadata.name: Invalid value: \"system:web\": a lowercase RFC 1123 subdomain must consist of", error.ToString());
        Assert.Contains("must be no more than 253 characters", Validate("v1", "ConfigMap", new string('a', 254), "default").Select(e => e.Message));
    }

    [Fact]
    public void Namespaces_need_labels_and_services_need_dns_1035_names()
    {
        Assert.Contains("a lowercase RFC 1123 label", Assert.Single(Validate("v1", "Namespace", "a.b")).Message);
        Assert.Contains("DNS-1035", Assert.Single(Validate("v1", "Service", "1web", "default")).Message);
        Assert.Empty(Validate("v1", "Service", "web", "default"));
    }

    [Fact]
    public void A_custom_kind_named_like_a_built_in_one_follows_the_custom_resource_name_rule()
    {
        Assert.Empty(Validate("example.com/v1", "Service", "1web:blue", "default"));
        Assert.NotEmpty(Validate("v1", "Service", "1web:blue", "default"));
    }

    [Fact]
    public void Namespace_must_be_a_dns_label() =>
        Assert.Equal("metadata.namespace", Assert.Single(Validate("v1", "ConfigMap", "c", "Bad_NS")).Field);

    [Fact]
    public void Label_keys_and_values_are_checked()
    {
        var obj = new KubeObject("v1", "ConfigMap", "default", "c");
        obj.Metadata.SetLabel("example.com/app", "web");
        obj.Metadata.SetLabel("bad key", "x");
        obj.Metadata.SetLabel("ok", new string('v', 64));
        var errors = ObjectValidator.Validate(obj);
        Assert.Contains(errors, e => e.Field == "metadata.labels" && e.Value == "bad key");
        Assert.Contains(errors, e => e.Field == "metadata.labels[ok]" && e.Message.Contains("no more than 63"));
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void Annotations_have_a_total_size_limit()
    {
        var obj = new KubeObject("v1", "ConfigMap", "default", "c");
        obj.Metadata.SetAnnotation("big", new string('x', ObjectValidator.MaxAnnotationsBytes));
        Assert.Contains("Too long", Assert.Single(ObjectValidator.Validate(obj)).Message);
    }

    [Fact]
    public void Non_string_name_is_reported()
    {
        var obj = new KubeObject(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = 5 } });
        Assert.Contains("must be a string", Assert.Single(ObjectValidator.Validate(obj)).Message);
    }

    [Fact]
    public void Generate_name_is_accepted_only_when_allowed()
    {
        var obj = new KubeObject(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["generateName"] = "web-" } });
        Assert.Empty(ObjectValidator.Validate(obj, allowGenerateName: true));
        Assert.Single(ObjectValidator.Validate(obj));
    }

    [Theory]
    [InlineData("example.com/MyName", 0)]
    [InlineData("my.name", 0)]
    [InlineData("/name", 1)]
    [InlineData("Example.com/name", 1)]
    [InlineData("a/b/c", 1)]
    [InlineData("", 1)]
    public void Qualified_names_follow_kubernetes(string key, int problems) =>
        Assert.Equal(problems, NameValidation.QualifiedName(key).Count);
}
