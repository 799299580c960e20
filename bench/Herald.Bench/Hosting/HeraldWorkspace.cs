using System.Security.Cryptography;

namespace Herald.Bench.Hosting;

/// <summary>A fresh temporary directory for one Herald: <c>data/</c> (the SQLite files) and <c>herald.json</c>.</summary>
internal sealed class HeraldWorkspace : IDisposable
{
    private readonly bool _keep;

    private HeraldWorkspace(string root, string token, bool keep)
    {
        Root = root;
        Token = token;
        _keep = keep;
    }

    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public string ConfigPath => Path.Combine(Root, "herald.json");

    /// <summary>The tenant's bearer token.</summary>
    public string Token { get; }

    public static HeraldWorkspace Create(IReadOnlyList<KeyValuePair<string, string>> overrides, bool keep)
    {
        var root = Path.Combine(Path.GetTempPath(), "herald-bench-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        Directory.CreateDirectory(root);
        var token = "bench-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        File.WriteAllText(Path.Combine(root, "herald.json"), HeraldConfigFile.Create(token, overrides));
        return new HeraldWorkspace(root, token, keep);
    }

    /// <summary>Bytes of every file under the data directory (database, WAL, shared memory, lock).</summary>
    public long DataSizeBytes()
    {
        var dir = new DirectoryInfo(DataDirectory);
        return dir.Exists ? dir.EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;
    }

    public void Dispose()
    {
        if (_keep)
        {
            return;
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is not worth failing a benchmark for.
        }
    }
}
