using System.Text.Json.Nodes;

namespace GitOps.Gateway.Tests.Infrastructure;

public static class JsonExtensions
{
    /// <summary>Applies <paramref name="change"/> to the object and returns it, for building bodies inline.</summary>
    public static JsonObject Also(this JsonObject obj, Action<JsonObject> change)
    {
        change(obj);
        return obj;
    }
}
