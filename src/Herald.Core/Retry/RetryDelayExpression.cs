using System.Diagnostics.CodeAnalysis;
using Herald.Core.Retry.Expressions;

namespace Herald.Core.Retry;

/// <summary>
/// A parsed <c>Upstash-Retry-Delay</c> expression: arithmetic over the variable <c>retried</c> (retries already
/// performed, 0 before the first retry) whose result is the delay in milliseconds, e.g. <c>pow(2, retried) * 1000</c>.
/// </summary>
public sealed class RetryDelayExpression
{
    /// <summary>The largest delay an expression can produce; larger results (and +∞) are clamped to it.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(1);

    private readonly ExpressionNode _root;

    private RetryDelayExpression(string text, ExpressionNode root)
    {
        Text = text;
        _root = root;
    }

    /// <summary>The expression as given, verbatim.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what and where (1-based position).</summary>
    public static bool TryParse(
        string text,
        [NotNullWhen(true)] out RetryDelayExpression? expression,
        [NotNullWhen(false)] out string? error)
    {
        if (text is null)
        {
            expression = null;
            error = "expression is empty";
            return false;
        }

        if (!ExpressionParser.TryParse(text, out var root, out error))
        {
            expression = null;
            return false;
        }

        expression = new RetryDelayExpression(text, root);
        return true;
    }

    /// <summary>
    /// Evaluates the expression for <paramref name="retried"/>. NaN and negative results give <see cref="TimeSpan.Zero"/>;
    /// results above one day (including +∞) give <see cref="MaxDelay"/>.
    /// </summary>
    public TimeSpan Evaluate(int retried)
    {
        var milliseconds = _root.Evaluate(retried);
        if (double.IsNaN(milliseconds) || milliseconds <= 0)
        {
            return TimeSpan.Zero;
        }

        if (milliseconds >= MaxDelay.TotalMilliseconds)
        {
            return MaxDelay;
        }

        return TimeSpan.FromTicks((long)Math.Round(milliseconds * TimeSpan.TicksPerMillisecond, MidpointRounding.AwayFromZero));
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
