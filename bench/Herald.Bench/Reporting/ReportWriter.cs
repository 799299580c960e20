using System.Text.Encodings.Web;
using System.Text.Json;

namespace Herald.Bench.Reporting;

/// <summary>Writes the results file with the source-generated context (≤, →, × kept readable).</summary>
internal static class ReportWriter
{
    private static readonly BenchJsonContext Context = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static async Task WriteAsync(string path, BenchReport report, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, report, Context.BenchReport, cancellationToken);
        await file.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }
}
