namespace GitOps.NodeAgent.Processes;

/// <summary>A local user containers run as, read from /etc/passwd (name, uid, primary gid).</summary>
public sealed record UnixUser(string Name, int Uid, int Gid)
{
    public const string DefaultUnprivileged = "nobody";

    /// <summary>The user named <paramref name="nameOrUid"/> (a name or a numeric uid), or null when /etc/passwd has none.</summary>
    public static UnixUser? Find(string nameOrUid, string passwdFile = "/etc/passwd")
    {
        if (!File.Exists(passwdFile))
            return null;
        foreach (var line in File.ReadLines(passwdFile))
        {
            // name:password:uid:gid:gecos:home:shell
            var fields = line.Split(':');
            if (fields.Length < 4 || !int.TryParse(fields[2], out var uid) || !int.TryParse(fields[3], out var gid))
                continue;
            if (fields[0] == nameOrUid || fields[2] == nameOrUid)
                return new UnixUser(fields[0], uid, gid);
        }
        return null;
    }
}
