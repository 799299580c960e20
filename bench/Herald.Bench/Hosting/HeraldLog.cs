using System.Text.Json;
using System.Text.RegularExpressions;

namespace Herald.Bench.Hosting;

/// <summary>
/// Herald's console output (JSON lines in serve mode), digested: warnings and errors grouped by event with a
/// sample message each, the SQLite version and synchronous mode it reported, and the last lines for diagnostics.
/// </summary>
internal sealed partial class HeraldLog
{
    private const int TailLines = 40;
    private readonly Queue<string> _tail = new();
    private readonly Dictionary<string, (int Count, string Sample)> _issues = new(StringComparer.Ordinal);
    private readonly List<string> _issueOrder = [];
    private readonly Lock _lock = new();
    private int _warnings;
    private int _errors;

    public int Warnings => Volatile.Read(ref _warnings);

    public int Errors => Volatile.Read(ref _errors);

    public string? SqliteVersion { get; private set; }

    /// <summary>FULL unless Herald logged its relaxed-durability warning (it refuses to start if SQLite refuses the setting).</summary>
    public string? Synchronous { get; private set; }

    public void Add(string line)
    {
        lock (_lock)
        {
            _tail.Enqueue(line);
            if (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }

        if (line.Contains("SQLite store at", StringComparison.Ordinal) && StoreOpened().Match(line) is { Success: true } opened)
        {
            SqliteVersion = opened.Groups[1].Value;
            Synchronous ??= "FULL";
        }

        if (line.Contains("synchronous=NORMAL", StringComparison.Ordinal))
        {
            Synchronous = "NORMAL";
        }

        var level = line.Contains("\"LogLevel\":\"Warning\"", StringComparison.Ordinal) ? "Warning"
            : line.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal) || line.Contains("\"LogLevel\":\"Critical\"", StringComparison.Ordinal) ? "Error"
            : null;
        if (level is null)
        {
            return;
        }

        Interlocked.Increment(ref level == "Warning" ? ref _warnings : ref _errors);
        var (key, message) = Describe(level, line);
        lock (_lock)
        {
            if (_issues.TryGetValue(key, out var seen))
            {
                _issues[key] = (seen.Count + 1, seen.Sample);
            }
            else
            {
                _issues[key] = (1, message);
                _issueOrder.Add(key);
            }
        }
    }

    /// <summary>One line per distinct warning or error: "Warning ×12 [Category] sample message".</summary>
    public IReadOnlyList<string> Issues()
    {
        lock (_lock)
        {
            return _issueOrder.Select(k => $"{k.Split('|')[0]} ×{_issues[k].Count} {_issues[k].Sample}").ToList();
        }
    }

    public string Tail()
    {
        lock (_lock)
        {
            return string.Join(Environment.NewLine, _tail);
        }
    }

    private static (string Key, string Message) Describe(string level, string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var category = root.TryGetProperty("Category", out var c) ? c.GetString() : null;
            var eventId = root.TryGetProperty("EventId", out var e) ? e.ToString() : null;
            var message = root.TryGetProperty("Message", out var m) ? m.GetString() : null;
            var exception = root.TryGetProperty("Exception", out var x) ? x.GetString() : null;
            var sample = $"[{category}] {message}";
            if (!string.IsNullOrEmpty(exception))
            {
                sample += " | " + exception.Split('\n')[0].Trim();
            }

            return ($"{level}|{category}|{eventId}", Shorten(sample));
        }
        catch (JsonException)
        {
            return ($"{level}|{line}", Shorten(line));
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    [GeneratedRegex(@"\(SQLite ([0-9.]+)")]
    private static partial Regex StoreOpened();
}
