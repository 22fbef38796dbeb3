namespace GitOps.Bench.Harness;

/// <summary>Finds every scenario class of the bench assembly, so adding a scenario is adding a file.</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<IScenario> Discover() =>
        LoadableTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IScenario).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IScenario)Activator.CreateInstance(t)!)
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();

    // A scenario whose dependencies fail to load must not hide the others.
    private static IEnumerable<Type> LoadableTypes()
    {
        try
        {
            return typeof(ScenarioCatalog).Assembly.GetTypes();
        }
        catch (System.Reflection.ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
