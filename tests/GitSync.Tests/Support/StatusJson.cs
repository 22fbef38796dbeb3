using System.Text.Json;
using System.Text.Json.Serialization;

namespace GitOps.GitSync.Tests.Support;

internal static class StatusJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
