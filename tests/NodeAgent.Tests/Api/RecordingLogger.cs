using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GitOps.NodeAgent.Tests.Api;

/// <summary>Keeps the newest log lines of the component under test, so a failed wait can show what it did.</summary>
internal sealed class RecordingLogger : ILogger, ILoggerProvider
{
    /// <summary>A factory whose loggers all record here.</summary>
    public ILoggerFactory Factory() => LoggerFactory.Create(logging => logging.AddProvider(this).SetMinimumLevel(LogLevel.Debug));

    public ILogger CreateLogger(string categoryName) => this;

    public void Dispose()
    {
    }

    private const int Capacity = 200;
    private readonly ConcurrentQueue<string> _lines = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        _lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
        while (_lines.Count > Capacity)
            _lines.TryDequeue(out _);
    }

    public override string ToString() => string.Join(Environment.NewLine, _lines);
}
