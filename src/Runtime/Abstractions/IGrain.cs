namespace GitOps.Runtime;

/// <summary>Marker for grain interfaces. Methods return Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt;.</summary>
public interface IGrain;

/// <summary>A grain identified by a string key, as in Orleans.</summary>
public interface IGrainWithStringKey : IGrain;
