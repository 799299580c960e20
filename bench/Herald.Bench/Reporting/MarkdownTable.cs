using System.Globalization;
using System.Text;

namespace Herald.Bench.Reporting;

/// <summary>The one results table: scenario, metric, median, range over the runs, target and verdict.</summary>
internal static class MarkdownTable
{
    public static string Render(IReadOnlyList<ScenarioResult> scenarios)
    {
        var table = new StringBuilder();
        table.AppendLine("| Scenario | Metric | Median | Range (min–max) | Target | Result |");
        table.AppendLine("|---|---|---:|---:|---|---|");
        foreach (var scenario in scenarios)
        {
            var first = true;
            foreach (var metric in scenario.Metrics.Where(m => m.Shown))
            {
                var name = first ? $"**{scenario.Name}**<br>{scenario.Title}" + (scenario.Runs > 1 ? $" ({scenario.Runs} runs)" : "") : "";
                first = false;
                table.Append("| ").Append(name)
                    .Append(" | ").Append(metric.Label)
                    .Append(" | ").Append(NumberFormat.Format(metric.Median, metric.Unit))
                    .Append(" | ").Append(Range(metric, scenario.Runs))
                    .Append(" | ").Append(metric.Target ?? "")
                    .Append(" | ").Append(Verdict(metric))
                    .AppendLine(" |");
            }
        }

        return table.ToString();
    }

    private static string Range(MetricResult metric, int runs) =>
        runs <= 1 || metric.Min is null ? "—" : $"{NumberFormat.Format(metric.Min, metric.Unit)} – {NumberFormat.Format(metric.Max, metric.Unit)}";

    private static string Verdict(MetricResult metric)
    {
        if (metric.Target is null)
        {
            return "";
        }

        var ratio = metric.Ratio is { } r ? string.Create(CultureInfo.InvariantCulture, $" ({r * 100:0} %)") : "";
        return metric.Pass switch
        {
            true => "✅ pass" + ratio,
            false => "❌ **FAIL**" + ratio,
            null => "n/a",
        };
    }
}
