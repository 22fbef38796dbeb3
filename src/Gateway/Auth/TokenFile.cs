using System.Text;

namespace GitOps.Gateway.Auth;

/// <summary>
/// kube-apiserver's <c>--token-auth-file</c> format: one <c>token,user,uid,"group1,group2"</c> a line (the groups column is
/// optional; a field with commas is quoted, a quote inside it doubled). Blank lines and lines starting with <c>#</c> are skipped.
/// </summary>
public static class TokenFile
{
    /// <summary>The users of the file by token, and its problems, each naming <c>file:line</c>; a missing file is one problem.</summary>
    public static TokenFileContents Read(string path)
    {
        var users = new Dictionary<string, UserInfo>(StringComparer.Ordinal);
        var errors = new List<string>();
        if (!File.Exists(path))
            return new TokenFileContents(users, [$"{path}: the token file ({AuthOptions.SectionName}:TokenFile) does not exist; create it or fix the setting."]);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
                continue;
            var where = $"{path}:{lineNumber}";
            var fields = SplitCsv(line, out var error);
            if (error is not null)
            {
                errors.Add($"{where}: {error}");
                continue;
            }
            if (fields.Count < 3)
            {
                errors.Add($"{where}: a line needs at least 3 columns (token, user name, user uid), found {fields.Count}.");
                continue;
            }
            var (token, name, uid) = (fields[0], fields[1], fields[2]);
            if (token.Length == 0 || name.Length == 0)
            {
                errors.Add($"{where}: the {(token.Length == 0 ? "token" : "user name")} column is empty.");
                continue;
            }
            if (!users.TryAdd(token, new UserInfo(name, uid, fields.Count > 3 ? Groups(fields[3]) : [])))
                errors.Add($"{where}: this token is already given to user '{users[token].Name}' on an earlier line; give each user its own token.");
        }
        return new TokenFileContents(users, errors);
    }

    /// <summary>One line of the format, the groups quoted when there are several.</summary>
    public static string Line(string token, UserInfo user) =>
        string.Join(',', Quote(token), Quote(user.Name), Quote(user.Uid), Quote(string.Join(',', user.Groups)));

    private static IReadOnlyList<string> Groups(string column) =>
        column.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static List<string> SplitCsv(string line, out string? error)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        error = null;
        var i = 0;
        while (true)
        {
            while (i < line.Length && line[i] == ' ')
                i++;
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        error = "a quoted field is not closed; end it with \".";
                        return fields;
                    }
                    if (line[i] == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                    }
                    else if (line[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        field.Append(line[i++]);
                    }
                }
                if (i < line.Length && line[i] != ',')
                {
                    error = $"unexpected text after a quoted field at column {i + 1}; put a comma after the closing quote.";
                    return fields;
                }
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                    field.Append(line[i++]);
            }
            fields.Add(field.ToString().Trim());
            field.Clear();
            if (i >= line.Length)
                return fields;
            i++;
        }
    }
}
