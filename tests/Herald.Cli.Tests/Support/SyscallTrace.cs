using System.Text.RegularExpressions;

namespace Herald.Cli.Tests.Support;

/// <summary>
/// Reads an <c>strace -f</c> log (lines <c>TID call(args) = result</c>, with <c>&lt;unfinished ...&gt;</c> and
/// <c>&lt;... call resumed&gt;</c> for calls that overlapped) into an ordered list of calls, each with the line
/// where it started and the line where it returned, and the file each descriptor referred to at the time.
/// </summary>
public sealed partial class SyscallTrace
{
    private SyscallTrace(IReadOnlyList<Call> calls) => Calls = calls;

    public IReadOnlyList<Call> Calls { get; }

    public static SyscallTrace Parse(string path)
    {
        var calls = new List<Call>();
        var pending = new Dictionary<int, (int Start, string Text)>();
        var files = new Dictionary<int, string>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0 || !int.TryParse(line.AsSpan(0, space), out var thread))
            {
                continue;
            }

            var text = line[(space + 1)..].TrimStart();
            if (text.EndsWith("<unfinished ...>", StringComparison.Ordinal))
            {
                pending[thread] = (i, text[..^"<unfinished ...>".Length].TrimEnd());
                continue;
            }

            var start = i;
            var resumed = Resumed().Match(text);
            if (resumed.Success && pending.Remove(thread, out var begun))
            {
                start = begun.Start;
                text = begun.Text + text[resumed.Length..];
            }

            var call = CallLine().Match(text);
            if (!call.Success)
            {
                continue;
            }

            var name = call.Groups["name"].Value;
            var args = call.Groups["args"].Value;
            var result = long.TryParse(call.Groups["result"].Value, out var value) ? value : -1;
            var fd = name == "openat" ? -1 : FirstArgument(args);
            var file = fd >= 0 && files.TryGetValue(fd, out var known) ? known : null;
            calls.Add(new Call(thread, name, args, result, fd, file, start, i));

            if (name == "openat" && result >= 0 && QuotedPath().Match(args) is { Success: true } opened)
            {
                files[(int)result] = opened.Groups[1].Value;
            }
            else if (name == "close" && fd >= 0)
            {
                files.Remove(fd);
            }
        }

        return new SyscallTrace(calls);
    }

    private static int FirstArgument(string args)
    {
        var comma = args.IndexOf(',', StringComparison.Ordinal);
        var first = comma < 0 ? args : args[..comma];
        return int.TryParse(first, out var fd) ? fd : -1;
    }

    [GeneratedRegex(@"^<\.\.\. \w+ resumed>")]
    private static partial Regex Resumed();

    [GeneratedRegex(@"^(?<name>\w+)\((?<args>.*)\)\s+=\s+(?<result>-?\d+)")]
    private static partial Regex CallLine();

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex QuotedPath();

    /// <summary>One system call: started on line <see cref="Start"/>, returned on line <see cref="End"/>.</summary>
    public sealed record Call(int Thread, string Name, string Arguments, long Result, int Fd, string? File, int Start, int End);
}
