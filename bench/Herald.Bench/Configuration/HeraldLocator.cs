namespace Herald.Bench.Configuration;

/// <summary>
/// Finds <c>herald.dll</c>: <c>--herald</c>, else <c>HERALD_DLL</c>, else the build output of <c>src/Herald.Cli</c> in
/// the configuration the harness itself was built in (the bench project references it, so it is built alongside).
/// </summary>
internal static class HeraldLocator
{
    public static string Locate(string? explicitPath)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return Existing(Path.GetFullPath(explicitPath), "--herald");
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("HERALD_DLL");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Existing(Path.GetFullPath(fromEnvironment), "HERALD_DLL");
        }

        var root = RepositoryPaths.Root()
            ?? throw new FileNotFoundException("Herald.slnx not found above the harness; pass --herald <path to herald.dll> or set HERALD_DLL");
        var own = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Debug"
            : "Release";
        var other = own == "Release" ? "Debug" : "Release";
        foreach (var configuration in new[] { own, other })
        {
            var path = Path.Combine(root, "src", "Herald.Cli", "bin", configuration, "net10.0", "herald.dll");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException(
            "herald.dll not found: run `dotnet build -c Release src/Herald.Cli` (or the bench with `dotnet run -c Release --project bench/Herald.Bench`, which builds it), " +
            "or pass --herald <path> / set HERALD_DLL");
    }

    private static string Existing(string path, string source) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{source} points to a missing file", path);
}
