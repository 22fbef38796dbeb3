namespace GitOps.Model.Validation;

/// <summary>
/// Kubernetes' name and label syntax checks. Each returns the list of problems (empty when valid) with
/// Kubernetes' own messages, so users see what kubectl would tell them.
/// </summary>
public static class NameValidation
{
    public const int Dns1123SubdomainMaxLength = 253;
    public const int Dns1123LabelMaxLength = 63;
    public const int QualifiedNameMaxLength = 63;
    public const int LabelValueMaxLength = 63;

    public const string Dns1123SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

    public const string Dns1123LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";

    public const string Dns1035LabelMessage =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";

    public const string QualifiedNameMessage =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    public const string LabelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    private const string Dns1123LabelRegex = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123SubdomainRegex = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private const string Dns1035LabelRegex = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private const string QualifiedNameRegex = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelValueRegex = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";

    /// <summary>The problems of a name under a kind's name rule (see <see cref="Registry.KindDefinition.NameRule"/>).</summary>
    public static IReadOnlyList<string> Check(NameRule rule, string name) => rule switch
    {
        NameRule.Dns1123Label => Dns1123Label(name),
        NameRule.Dns1035Label => Dns1035Label(name),
        NameRule.PathSegment => PathSegmentName(name),
        _ => Dns1123Subdomain(name),
    };

    public static IReadOnlyList<string> Dns1123Subdomain(string value)
    {
        var errors = new List<string>();
        if (value.Length > Dns1123SubdomainMaxLength)
            errors.Add(MaxLength(Dns1123SubdomainMaxLength));
        if (!IsSubdomain(value))
            errors.Add(RegexError(Dns1123SubdomainMessage, Dns1123SubdomainRegex, "example.com"));
        return errors;
    }

    public static IReadOnlyList<string> Dns1123Label(string value)
    {
        var errors = new List<string>();
        if (value.Length > Dns1123LabelMaxLength)
            errors.Add(MaxLength(Dns1123LabelMaxLength));
        if (!IsLabel(value))
            errors.Add(RegexError(Dns1123LabelMessage, Dns1123LabelRegex, "my-name", "123-abc"));
        return errors;
    }

    public static IReadOnlyList<string> Dns1035Label(string value)
    {
        var errors = new List<string>();
        if (value.Length > Dns1123LabelMaxLength)
            errors.Add(MaxLength(Dns1123LabelMaxLength));
        if (!IsLabel(value) || !char.IsAsciiLetterLower(value[0]))
            errors.Add(RegexError(Dns1035LabelMessage, Dns1035LabelRegex, "my-name", "abc-123"));
        return errors;
    }

    /// <summary>Names that only need to be safe as one URL path segment (RBAC kinds allow ':' as in <c>system:node</c>).</summary>
    public static IReadOnlyList<string> PathSegmentName(string value)
    {
        var errors = new List<string>();
        if (value == ".")
            errors.Add("may not be '.'");
        else if (value == "..")
            errors.Add("may not be '..'");
        if (value.Contains('/'))
            errors.Add("may not contain '/'");
        if (value.Contains('%'))
            errors.Add("may not contain '%'");
        return errors;
    }

    /// <summary>A label or annotation key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public static IReadOnlyList<string> QualifiedName(string value)
    {
        var errors = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                name = parts[1];
                if (parts[0].Length == 0)
                    errors.Add("prefix part must be non-empty");
                else
                    errors.AddRange(Dns1123Subdomain(parts[0]).Select(e => "prefix part " + e));
                break;
            default:
                errors.Add(RegexError(
                    "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                    QualifiedNameRegex, "MyName", "my.name", "123-abc") + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errors;
        }
        if (name.Length == 0)
            errors.Add("name part must be non-empty");
        else if (name.Length > QualifiedNameMaxLength)
            errors.Add("name part " + MaxLength(QualifiedNameMaxLength));
        if (name.Length > 0 && !IsQualifiedNamePart(name))
            errors.Add(RegexError(QualifiedNameMessage, QualifiedNameRegex, "MyName", "my.name", "123-abc"));
        return errors;
    }

    public static IReadOnlyList<string> LabelValue(string value)
    {
        var errors = new List<string>();
        if (value.Length > LabelValueMaxLength)
            errors.Add(MaxLength(LabelValueMaxLength));
        if (value.Length > 0 && !IsQualifiedNamePart(value))
            errors.Add(RegexError(LabelValueMessage, LabelValueRegex, "MyValue", "my_value", "12345"));
        return errors;
    }

    public static bool IsDns1123Subdomain(string value) => value.Length <= Dns1123SubdomainMaxLength && IsSubdomain(value);

    public static bool IsDns1123Label(string value) => value.Length <= Dns1123LabelMaxLength && IsLabel(value);

    private static string MaxLength(int max) => $"must be no more than {max} characters";

    private static string RegexError(string message, string regex, params string[] examples) =>
        $"{message} (e.g. {string.Join(",  or ", examples.Select(e => $"'{e}'"))}, regex used for validation is '{regex}')";

    private static bool IsLabel(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty || !IsLowerAlnum(value[0]) || !IsLowerAlnum(value[^1]))
            return false;
        foreach (var c in value)
        {
            if (!IsLowerAlnum(c) && c != '-')
                return false;
        }
        return true;
    }

    private static bool IsSubdomain(string value)
    {
        if (value.Length == 0)
            return false;
        foreach (var range in value.AsSpan().Split('.'))
        {
            if (!IsLabel(value.AsSpan()[range]))
                return false;
        }
        return true;
    }

    private static bool IsQualifiedNamePart(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty || !char.IsAsciiLetterOrDigit(value[0]) || !char.IsAsciiLetterOrDigit(value[^1]))
            return false;
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_' && c != '.')
                return false;
        }
        return true;
    }

    private static bool IsLowerAlnum(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
