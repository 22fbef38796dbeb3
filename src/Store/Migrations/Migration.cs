using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace GitOps.Store.Migrations;

/// <summary>One numbered SQL migration (db/NNN_name.sql) and the checksum of its text.</summary>
public sealed partial record Migration(int Version, string Name, string Sql, string Checksum)
{
    public const string ResourcePrefix = "GitOps.Migrations.";

    public string FileName => $"{Version:000}_{Name}.sql";

    /// <summary>A migration from its text; line endings are normalized so the checksum does not depend on the checkout.</summary>
    public static Migration Create(int version, string name, string sql)
    {
        var normalized = sql.Replace("\r\n", "\n");
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
        return new Migration(version, name, normalized, checksum);
    }

    /// <summary>
    /// The migrations embedded in the runtime assembly (every db/*.sql), in numeric order. Fails
    /// when a file name does not follow NNN_name.sql or two files share a number.
    /// </summary>
    public static IReadOnlyList<Migration> LoadEmbedded()
    {
        var assembly = typeof(Migration).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var fileName = resource[ResourcePrefix.Length..];
            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
                throw new InvalidOperationException($"Migration file db/{fileName} is not named NNN_name.sql; rename it (for example 004_add_index.sql).");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            migrations.Add(Create(int.Parse(match.Groups["version"].Value), match.Groups["name"].Value, reader.ReadToEnd()));
        }
        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException(
                $"Migrations {string.Join(" and ", duplicate.Select(m => "db/" + m.FileName))} share version {duplicate.Key}; give each file its own number.");
        return migrations.OrderBy(m => m.Version).ToList();
    }

    [GeneratedRegex(@"^(?<version>\d+)_(?<name>[A-Za-z0-9_\-]+)\.sql$")]
    private static partial Regex FileNamePattern();
}
