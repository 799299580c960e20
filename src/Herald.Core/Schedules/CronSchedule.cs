using Cronos;
using Herald.Contracts.Headers;
using Herald.Core.Publishing;

namespace Herald.Core.Schedules;

/// <summary>
/// A validated cron expression: five fields (minute, hour, day of month, month, day of week; names such as
/// <c>MON</c>, ranges, lists, steps, <c>L</c>, <c>W</c> and <c>#</c>) or a macro such as <c>@daily</c>, evaluated in
/// UTC or in the IANA time zone of an optional <c>CRON_TZ=&lt;zone&gt; </c> prefix. As in standard cron, when both the
/// day of month and the day of week are restricted, a day matching either one fires. The resolution is one minute:
/// six-field (seconds) forms are refused.
/// </summary>
internal sealed class CronSchedule
{
    public const int MaxLength = 256;

    private static readonly string[] ZonePrefixes = ["CRON_TZ=", "TZ="];

    private readonly CronExpression _expression;

    // With both day fields restricted: the same expression matching on the day of week instead of the day of month.
    private readonly CronExpression? _dayOfWeekExpression;

    private CronSchedule(string text, TimeZoneInfo zone, CronExpression expression, CronExpression? dayOfWeekExpression)
    {
        Text = text;
        Zone = zone;
        _expression = expression;
        _dayOfWeekExpression = dayOfWeekExpression;
    }

    /// <summary>The expression as given, trimmed.</summary>
    public string Text { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>Parses <paramref name="text"/> or throws <see cref="PublishRejectedException"/> saying what is wrong.</summary>
    public static CronSchedule Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new PublishRejectedException($"{UpstashHeaders.Cron} is required: a cron expression such as '*/5 * * * *'");
        }

        var trimmed = text.Trim();
        if (trimmed.Length > MaxLength || !HeaderName.IsValidValue(trimmed))
        {
            throw Invalid(trimmed, $"at most {MaxLength} printable characters");
        }

        var expression = trimmed;
        var zone = TimeZoneInfo.Utc;
        var prefix = ZonePrefixes.FirstOrDefault(p => trimmed.StartsWith(p, StringComparison.OrdinalIgnoreCase));
        if (prefix is not null)
        {
            var end = trimmed.IndexOfAny([' ', '\t'], prefix.Length);
            if (end < 0)
            {
                throw Invalid(trimmed, "expected 'CRON_TZ=<IANA zone> <expression>', e.g. 'CRON_TZ=Europe/Berlin 0 9 * * *'");
            }

            zone = FindZone(trimmed[prefix.Length..end]);
            expression = trimmed[end..].Trim();
        }

        var fields = expression.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        try
        {
            if (fields is [var macro] && macro.StartsWith('@'))
            {
                if (macro.Equals("@every_second", StringComparison.OrdinalIgnoreCase))
                {
                    throw Invalid(trimmed, "the resolution of schedules is one minute; seconds are not supported");
                }

                return new CronSchedule(trimmed, zone, CronExpression.Parse(macro, CronFormat.Standard), null);
            }

            if (fields.Length == 6)
            {
                throw Invalid(trimmed, "it has 6 fields, but schedules take 5 (minute hour day-of-month month day-of-week); seconds are not supported");
            }

            if (fields.Length != 5)
            {
                throw Invalid(trimmed, $"expected 5 fields (minute hour day-of-month month day-of-week), got {fields.Length}");
            }

            if (IsRestricted(fields[2]) && IsRestricted(fields[4]))
            {
                var byDayOfMonth = CronExpression.Parse($"{fields[0]} {fields[1]} {fields[2]} {fields[3]} *", CronFormat.Standard);
                var byDayOfWeek = CronExpression.Parse($"{fields[0]} {fields[1]} * {fields[3]} {fields[4]}", CronFormat.Standard);
                return new CronSchedule(trimmed, zone, byDayOfMonth, byDayOfWeek);
            }

            return new CronSchedule(trimmed, zone, CronExpression.Parse(string.Join(' ', fields), CronFormat.Standard), null);
        }
        catch (CronFormatException ex)
        {
            throw Invalid(trimmed, ex.Message);
        }
        catch (MissingSeedException)
        {
            throw Invalid(trimmed, "hashed values (H) are not supported");
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="instant"/>, in UTC; null when there is none.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset instant)
    {
        var next = _expression.GetNextOccurrence(instant, Zone, inclusive: false);
        if (_dayOfWeekExpression?.GetNextOccurrence(instant, Zone, inclusive: false) is { } other && (next is null || other < next))
        {
            next = other;
        }

        return next?.ToUniversalTime();
    }

    // A field starting with * or ? (including steps such as */2) matches every day, as in Vixie cron.
    private static bool IsRestricted(string field) => field[0] is not ('*' or '?');

    private static TimeZoneInfo FindZone(string id)
    {
        if (id.Length is 0 or > 64 || id.Contains("..", StringComparison.Ordinal)
            || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+'))
        {
            throw new PublishRejectedException($"invalid time zone '{id}' in CRON_TZ: use an IANA name such as Europe/Berlin");
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new PublishRejectedException($"unknown time zone '{id}' in CRON_TZ: use an IANA name such as Europe/Berlin");
        }
    }

    private static PublishRejectedException Invalid(string text, string reason) =>
        new($"invalid {UpstashHeaders.Cron} '{text}': {reason}");
}
