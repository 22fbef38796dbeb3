using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using GitOps.Gateway.Errors;
using GitOps.Gateway.Tables;
using GitOps.Model.Objects;

namespace GitOps.Gateway.Watch;

/// <summary>
/// Writes newline-delimited watch events (<c>{"type":"ADDED","object":{...}}</c>) to a response.
/// Objects are written from the bytes the cache serialized once; with a Table Accept header each
/// object is a one-row Table instead.
/// </summary>
internal sealed class WatchEventWriter(PipeWriter output, IncludeObject? table)
{
    private static readonly byte[] ObjectSeparator = Encoding.UTF8.GetBytes("\",\"object\":");
    private static readonly byte[] TypePrefix = Encoding.UTF8.GetBytes("{\"type\":\"");
    private static readonly byte[] EventEnd = Encoding.UTF8.GetBytes("}\n");

    public void Write(string type, KubeObject obj, byte[]? objectJson)
    {
        output.Write(TypePrefix);
        output.Write(Encoding.UTF8.GetBytes(type));
        output.Write(ObjectSeparator);
        if (table is { } include)
        {
            using var writer = new Utf8JsonWriter(output);
            TableWriter.Write(writer, ResourceKey.Of(obj).Type, [obj], include, obj.Metadata.ResourceVersion);
        }
        else
        {
            output.Write(objectJson ?? obj.ToUtf8Json());
        }
        output.Write(EventEnd);
    }

    public void WriteBookmark(string apiVersion, string kind, long resourceVersion)
    {
        var bookmark = new KubeObject(new System.Text.Json.Nodes.JsonObject
        {
            ["kind"] = kind,
            ["apiVersion"] = apiVersion,
            ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["resourceVersion"] = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        });
        output.Write(TypePrefix);
        output.Write("BOOKMARK"u8);
        output.Write(ObjectSeparator);
        output.Write(bookmark.ToUtf8Json());
        output.Write(EventEnd);
    }

    public void WriteError(KubeStatus status)
    {
        output.Write(TypePrefix);
        output.Write("ERROR"u8);
        output.Write(ObjectSeparator);
        output.Write(status.ToUtf8Json());
        output.Write(EventEnd);
    }

    public async Task FlushAsync(CancellationToken cancellationToken) => await output.FlushAsync(cancellationToken);
}
