using System.Text.Json;
using GitOps.Model.Objects;

namespace GitOps.Gateway.Tables;

/// <summary>
/// Writes <c>meta.k8s.io/v1</c> Tables: the column definitions of the kind, and one row per
/// object whose <c>object</c> is, by default, the object's PartialObjectMetadata (so kubectl can
/// show NAMESPACE with -A).
/// </summary>
internal static class TableWriter
{
    public static void Write(
        Utf8JsonWriter writer,
        ResourceType type,
        IEnumerable<KubeObject> objects,
        IncludeObject include,
        string? resourceVersion,
        string? continueToken = null,
        long? remainingItemCount = null)
    {
        var columns = TableDefinitions.For(type);
        var now = DateTimeOffset.UtcNow;
        writer.WriteStartObject();
        writer.WriteString("kind", "Table");
        writer.WriteString("apiVersion", "meta.k8s.io/v1");
        writer.WriteStartObject("metadata");
        if (resourceVersion is not null)
            writer.WriteString("resourceVersion", resourceVersion);
        if (continueToken is not null)
            writer.WriteString("continue", continueToken);
        if (remainingItemCount is not null)
            writer.WriteNumber("remainingItemCount", remainingItemCount.Value);
        writer.WriteEndObject();
        writer.WriteStartArray("columnDefinitions");
        foreach (var column in columns)
        {
            writer.WriteStartObject();
            writer.WriteString("name", column.Name);
            writer.WriteString("type", column.Type);
            writer.WriteString("format", column.Format);
            writer.WriteString("description", column.Description);
            writer.WriteNumber("priority", column.Priority);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("rows");
        foreach (var obj in objects)
            WriteRow(writer, columns, obj, include, now);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteRow(Utf8JsonWriter writer, IReadOnlyList<TableColumn> columns, KubeObject obj, IncludeObject include, DateTimeOffset now)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("cells");
        foreach (var column in columns)
        {
            switch (column.Cell(obj, now))
            {
                case long number:
                    writer.WriteNumberValue(number);
                    break;
                case int number:
                    writer.WriteNumberValue(number);
                    break;
                case string text:
                    writer.WriteStringValue(text);
                    break;
                default:
                    writer.WriteNullValue();
                    break;
            }
        }
        writer.WriteEndArray();
        switch (include)
        {
            case IncludeObject.Object:
                writer.WritePropertyName("object");
                obj.Root.WriteTo(writer);
                break;
            case IncludeObject.Metadata:
                writer.WriteStartObject("object");
                writer.WriteString("kind", "PartialObjectMetadata");
                writer.WriteString("apiVersion", "meta.k8s.io/v1");
                writer.WritePropertyName("metadata");
                obj.Metadata.Node.WriteTo(writer);
                writer.WriteEndObject();
                break;
        }
        writer.WriteEndObject();
    }
}
