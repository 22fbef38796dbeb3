using System.Text.Json.Nodes;
using GitOps.Model.Objects;

namespace GitOps.Model.Tests.Objects;

public sealed class FieldSetTests
{
    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    [Fact]
    public void Declared_descends_into_maps_and_owns_lists_scalars_and_empty_maps_whole()
    {
        var set = FieldSet.Declared(Json("""{"spec":{"replicas":2,"ports":[{"port":80}],"volume":{"emptyDir":{}}}}"""));

        Assert.Equal(
            """{"f:spec":{"f:replicas":{},"f:ports":{},"f:volume":{"f:emptyDir":{}}}}""",
            set.ToFieldsV1().ToJsonString());
    }

    [Fact]
    public void Project_copies_only_owned_fields()
    {
        var set = FieldSet.Declared(Json("""{"spec":{"replicas":2,"ports":[]}}"""));

        var projection = set.Project(Json("""{"kind":"Service","spec":{"replicas":3,"ports":[{"port":81}],"nodeName":"n1"},"status":{}}"""));

        Assert.Equal("""{"spec":{"replicas":3,"ports":[{"port":81}]}}""", projection.ToJsonString());
    }

    [Fact]
    public void RemoveFieldsNotIn_drops_fields_no_longer_owned_and_keeps_the_rest()
    {
        var before = FieldSet.Declared(Json("""{"spec":{"replicas":2,"selector":{"app":"web"},"paused":false}}"""));
        var after = FieldSet.Declared(Json("""{"spec":{"replicas":2}}"""));
        var target = Json("""{"spec":{"replicas":2,"selector":{"app":"web"},"paused":false,"nodeName":"n1"}}""");

        before.RemoveFieldsNotIn(after, target);

        Assert.Equal("""{"spec":{"replicas":2,"nodeName":"n1"}}""", target.ToJsonString());
    }

    [Fact]
    public void RemoveFieldsNotIn_removes_a_map_it_emptied_unless_still_owned()
    {
        var before = FieldSet.Declared(Json("""{"spec":{"nodeSelector":{"disk":"ssd"}},"data":{"a":"1"}}"""));
        var after = FieldSet.Declared(Json("""{"data":{}}"""));
        var target = Json("""{"spec":{"nodeSelector":{"disk":"ssd"}},"data":{"a":"1"}}""");

        before.RemoveFieldsNotIn(after, target);

        Assert.Equal("""{"data":{"a":"1"}}""", target.ToJsonString());
    }

    [Fact]
    public void Merge_writes_maps_entry_by_entry_and_replaces_lists_and_empty_maps()
    {
        var target = Json("""{"spec":{"replicas":1,"nodeName":"n1","ports":[{"port":80},{"port":81}],"volume":{"emptyDir":{"medium":"Memory"}}}}""");

        FieldSet.Merge(Json("""{"spec":{"replicas":3,"ports":[{"port":90}],"volume":{"emptyDir":{}}}}"""), target);

        Assert.Equal("""{"spec":{"replicas":3,"nodeName":"n1","ports":[{"port":90}],"volume":{"emptyDir":{}}}}""", target.ToJsonString());
    }

    [Fact]
    public void OfManager_reads_the_named_managers_entry_and_is_null_without_one()
    {
        var obj = KubeObject.FromJson("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","managedFields":[
              {"manager":"kubectl","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:nodeName":{}}}},
              {"manager":"gitops","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{}}}}]}}
            """);

        var set = FieldSet.OfManager(obj, "gitops")!;

        Assert.Equal(["metadata", "spec"], set.TopLevelFields.Order());
        Assert.Equal(["app"], set.Child("metadata", "labels").TopLevelFields);
        Assert.Null(FieldSet.OfManager(obj, "scheduler"));
    }

    [Fact]
    public void Leaves_Owns_and_Without_walk_the_tree_as_server_side_apply_does()
    {
        var set = FieldSet.Declared(Json("""{"spec":{"replicas":2,"template":{"spec":{"containers":[]}}},"data":{}}"""));

        Assert.Equal(["spec.replicas", "spec.template.spec.containers", "data"], set.Leaves().Select(p => string.Join('.', p)));
        Assert.True(set.Owns(["spec", "template"]));
        Assert.True(set.Owns(["data", "key"]));
        Assert.False(set.Owns(["spec", "paused"]));
        Assert.Equal("""{"f:data":{}}""", set.Without(["spec", "replicas"]).Without(["spec", "template", "spec", "containers"]).ToFieldsV1().ToJsonString());
    }
}
