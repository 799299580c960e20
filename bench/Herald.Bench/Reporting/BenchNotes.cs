namespace Herald.Bench.Reporting;

/// <summary>Facts and observations gathered while the scenarios ran: what Herald reported and what went wrong.</summary>
internal sealed class BenchNotes
{
    private const int MaxItems = 200;
    private readonly List<string> _items = [];

    public string? SqliteVersion { get; set; }

    public string? SqliteSynchronous { get; set; }

    public IReadOnlyList<string> Items => _items;

    public void Add(string label, string note)
    {
        if (_items.Count < MaxItems)
        {
            _items.Add($"[{label}] {note}");
        }
    }
}
