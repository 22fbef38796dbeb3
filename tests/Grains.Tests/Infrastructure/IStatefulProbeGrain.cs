namespace GitOps.Grains.Tests.Infrastructure;

/// <summary>A grain that keeps one string in Orleans' grain storage.</summary>
public interface IStatefulProbeGrain : IGrainWithStringKey
{
    Task<string?> ReadAsync();

    Task WriteAsync(string value);
}
