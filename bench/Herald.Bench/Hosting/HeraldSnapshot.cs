namespace Herald.Bench.Hosting;

/// <summary>
/// A private copy of herald.dll's directory for the duration of the benchmark, so a rebuild of
/// <c>src/Herald.Cli</c> while it runs (another engineer working on the engine) cannot mix two builds in one result.
/// </summary>
internal sealed class HeraldSnapshot : IDisposable
{
    private readonly string _root;

    private HeraldSnapshot(string root, string dll)
    {
        _root = root;
        Dll = dll;
    }

    public string Dll { get; }

    public static HeraldSnapshot Create(string heraldDll)
    {
        var source = Path.GetDirectoryName(heraldDll)!;
        var root = Path.Combine(Path.GetTempPath(), "herald-bench-bin-" + Guid.NewGuid().ToString("N")[..12]);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return new HeraldSnapshot(root, Path.Combine(root, Path.GetFileName(heraldDll)));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is not worth failing a benchmark for.
        }
    }
}
