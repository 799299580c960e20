using System.Globalization;
using Herald.Contracts.Headers;
using Herald.Core.Messages;
using Herald.Core.Time;

namespace Herald.Core.Publishing;

/// <summary>
/// Parses <c>Upstash-Flow-Control-Value</c>: comma-separated <c>parallelism=N</c>, <c>rate=N</c>,
/// <c>period=DURATION</c> in any order with any spacing; at least one of parallelism and rate.
/// </summary>
public static class FlowControlValue
{
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(7);

    private const int MaxKeyLength = 256;

    public static FlowControl? Parse(string? key, string? value)
    {
        if (key is null && value is null)
        {
            return null;
        }

        key = key?.Trim();
        if (string.IsNullOrEmpty(key))
        {
            throw new PublishRejectedException($"{UpstashHeaders.FlowControlValue} needs {UpstashHeaders.FlowControlKey}");
        }

        if (key.Length > MaxKeyLength || !HeaderName.IsValidValue(key))
        {
            throw new PublishRejectedException($"invalid {UpstashHeaders.FlowControlKey}: 1 to {MaxKeyLength} printable characters");
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new PublishRejectedException($"{UpstashHeaders.FlowControlKey} needs {UpstashHeaders.FlowControlValue}, e.g. 'parallelism=3, rate=10, period=1m'");
        }

        int? parallelism = null;
        int? rate = null;
        var period = FlowControl.DefaultPeriod;
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals].Trim();
            var text = equals < 0 ? "" : part[(equals + 1)..].Trim();
            switch (name.ToLowerInvariant())
            {
                case "parallelism":
                    parallelism = PositiveInt(text, name);
                    break;
                case "rate":
                    rate = PositiveInt(text, name);
                    break;
                case "period":
                    if (!Durations.TryParse(text, out period) || period <= TimeSpan.Zero || period > MaxPeriod)
                    {
                        throw new PublishRejectedException($"invalid flow-control period '{text}': a duration from 1s to 7d");
                    }

                    break;
                default:
                    throw new PublishRejectedException($"invalid {UpstashHeaders.FlowControlValue} '{value}': unknown setting '{name}' (expected parallelism, rate, period)");
            }
        }

        if (parallelism is null && rate is null)
        {
            throw new PublishRejectedException($"{UpstashHeaders.FlowControlValue} needs parallelism or rate");
        }

        return new FlowControl(key, parallelism, rate, period);
    }

    private static int PositiveInt(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new PublishRejectedException($"invalid flow-control {name} '{text}': expected a positive whole number");
}
