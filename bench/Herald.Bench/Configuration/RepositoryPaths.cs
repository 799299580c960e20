namespace Herald.Bench.Configuration;

/// <summary>Finds the repository (the directory holding <c>Herald.slnx</c>) from the harness's own location.</summary>
internal static class RepositoryPaths
{
    public static string? Root()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Herald.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    /// <summary><c>bench/results/latest.json</c> in the repository, or in the current directory outside one.</summary>
    public static string DefaultOutput() =>
        Path.Combine(Root() ?? Directory.GetCurrentDirectory(), "bench", "results", "latest.json");
}
