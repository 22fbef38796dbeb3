using GitOps.NodeAgent.Logging;
using Microsoft.Extensions.Logging;

namespace GitOps.NodeAgent.Client;

/// <summary>
/// The API servers a client may use, in the order given, and the one it uses now. Every request
/// and watch goes to <see cref="Current"/>; when that server fails (no connection, a reset, a
/// timeout, a 5xx answer) the caller reports it and the rotation moves to the next server in the
/// list, wrapping round, so every later request goes there. Only a report about the current server
/// moves it: requests that were in flight on a server already left do not skip past the next one.
/// Watches on the server left are told through <see cref="ActiveServer.Left"/>. With one server
/// nothing ever moves.
/// </summary>
internal sealed class ServerRotation
{
    private readonly Lock _lock = new();
    private readonly IReadOnlyList<Uri> _servers;
    private readonly ILogger _logger;
    private ActiveServer _current;
    private CancellationTokenSource _left = new();

    public ServerRotation(IReadOnlyList<Uri> servers, ILogger logger)
    {
        if (servers.Count == 0)
            throw new ArgumentException("At least one API server is needed.", nameof(servers));
        _servers = servers;
        _logger = logger;
        _current = new ActiveServer(0, servers[0], _left.Token);
    }

    public IReadOnlyList<Uri> Servers => _servers;

    /// <summary>The server to send to now, with the token that is cancelled when the rotation leaves it.</summary>
    public ActiveServer Current
    {
        get
        {
            lock (_lock)
                return _current;
        }
    }

    /// <summary>
    /// <paramref name="used"/> failed because of <paramref name="reason"/>: if it is still the current
    /// server, moves to the next one (logging which and why). Returns the server to use now.
    /// </summary>
    public ActiveServer ReportFailure(ActiveServer used, string reason)
    {
        CancellationTokenSource left;
        ActiveServer next;
        lock (_lock)
        {
            if (_servers.Count == 1 || _current.Index != used.Index)
                return _current;
            left = _left;
            _left = new CancellationTokenSource();
            var index = (used.Index + 1) % _servers.Count;
            next = _current = new ActiveServer(index, _servers[index], _left.Token);
        }
        AgentLog.ServerSwitched(_logger, used.Uri.ToString(), next.Uri.ToString(), reason);
        // Outside the lock: cancelling runs the watches' callbacks. The source is not disposed, as
        // a request about to start may still link to its token (it then finds it cancelled).
        left.Cancel();
        return next;
    }
}
