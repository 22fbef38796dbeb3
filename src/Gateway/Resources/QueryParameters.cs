using System.Globalization;
using GitOps.Gateway.Errors;
using GitOps.Gateway.Tables;
using GitOps.Model.Selectors;
using Microsoft.AspNetCore.Http;

namespace GitOps.Gateway.Resources;

/// <summary>
/// The query parameters of GET/LIST/WATCH, parsed once. A value that does not parse gives a
/// 400 Status naming the parameter and what it accepts.
/// </summary>
internal sealed record QueryParameters(
    LabelSelector Labels,
    FieldSelector Fields,
    int? Limit,
    string? Continue,
    string? ResourceVersion,
    bool Watch,
    bool AllowWatchBookmarks,
    int? TimeoutSeconds,
    IncludeObject IncludeObject)
{
    public static (QueryParameters? Parameters, KubeStatus? Error) Parse(IQueryCollection query)
    {
        var labels = LabelSelector.Parse(query["labelSelector"].ToString());
        if (!labels.IsSuccess)
            return Fail($"invalid labelSelector \"{query["labelSelector"]}\": {labels.Error}");
        var fields = FieldSelector.Parse(query["fieldSelector"].ToString());
        if (!fields.IsSuccess)
            return Fail($"invalid fieldSelector \"{query["fieldSelector"]}\": {fields.Error}");
        if (!TryInt(query, "limit", out var limit) || limit < 0)
            return Fail($"invalid limit \"{query["limit"]}\": must be a non-negative integer");
        if (!TryInt(query, "timeoutSeconds", out var timeout) || timeout < 0)
            return Fail($"invalid timeoutSeconds \"{query["timeoutSeconds"]}\": must be a non-negative integer");
        if (!TryBool(query, "watch", out var watch))
            return Fail($"invalid watch \"{query["watch"]}\": must be true, false, 1 or 0");
        if (!TryBool(query, "allowWatchBookmarks", out var bookmarks))
            return Fail($"invalid allowWatchBookmarks \"{query["allowWatchBookmarks"]}\": must be true, false, 1 or 0");
        var resourceVersion = query["resourceVersion"].ToString();
        if (resourceVersion.Length > 0 && !long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            return Fail($"invalid resourceVersion \"{resourceVersion}\": must be a resourceVersion returned by this server (a non-negative integer)");
        IncludeObject include;
        switch (query["includeObject"].ToString())
        {
            case "" or "Metadata":
                include = IncludeObject.Metadata;
                break;
            case "Object":
                include = IncludeObject.Object;
                break;
            case "None":
                include = IncludeObject.None;
                break;
            default:
                return Fail($"invalid includeObject \"{query["includeObject"]}\": must be None, Metadata or Object");
        }
        var continueToken = query["continue"].ToString();
        return (new QueryParameters(
            labels.Selector!,
            fields.Selector!,
            limit > 0 ? limit : null,
            continueToken.Length > 0 ? continueToken : null,
            resourceVersion.Length > 0 ? resourceVersion : null,
            watch,
            bookmarks,
            timeout > 0 ? timeout : null,
            include), null);
    }

    private static (QueryParameters?, KubeStatus?) Fail(string message) => (null, KubeStatus.BadRequest(message));

    private static bool TryInt(IQueryCollection query, string name, out int value)
    {
        value = 0;
        var text = query[name].ToString();
        return text.Length == 0 || int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    // As Go's strconv.ParseBool, which the apiserver uses.
    private static bool TryBool(IQueryCollection query, string name, out bool value)
    {
        value = false;
        switch (query[name].ToString())
        {
            case "":
            case "0" or "f" or "F" or "false" or "False" or "FALSE":
                return true;
            case "1" or "t" or "T" or "true" or "True" or "TRUE":
                value = true;
                return true;
            default:
                return false;
        }
    }
}
