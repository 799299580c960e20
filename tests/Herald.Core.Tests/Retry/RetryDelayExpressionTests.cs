using Herald.Core.Retry;

namespace Herald.Core.Tests.Retry;

public sealed class RetryDelayExpressionTests
{
    [Theory]
    [InlineData("1000", 0, 1000)]
    [InlineData("1000", 1, 1000)]
    [InlineData("1000", 2, 1000)]
    [InlineData("1000", 3, 1000)]
    [InlineData("1000 * (1 + retried)", 0, 1000)]
    [InlineData("1000 * (1 + retried)", 1, 2000)]
    [InlineData("1000 * (1 + retried)", 2, 3000)]
    [InlineData("1000 * (1 + retried)", 3, 4000)]
    [InlineData("pow(2, retried) * 1000", 0, 1000)]
    [InlineData("pow(2, retried) * 1000", 1, 2000)]
    [InlineData("pow(2, retried) * 1000", 2, 4000)]
    [InlineData("pow(2, retried) * 1000", 3, 8000)]
    [InlineData("max(1000, pow(2, retried) * 100)", 0, 1000)]
    [InlineData("max(1000, pow(2, retried) * 100)", 1, 1000)]
    [InlineData("max(1000, pow(2, retried) * 100)", 2, 1000)]
    [InlineData("max(1000, pow(2, retried) * 100)", 3, 1000)]
    [InlineData("max(1000, pow(2, retried) * 100)", 4, 1600)]
    [InlineData("pow(retried, 2) * 1000", 0, 0)]
    [InlineData("pow(retried, 2) * 1000", 1, 1000)]
    [InlineData("pow(retried, 2) * 1000", 2, 4000)]
    [InlineData("pow(retried, 2) * 1000", 3, 9000)]
    public void Evaluate_QStashExamples_ReturnsMilliseconds(string text, int retried, double expectedMs)
    {
        Assert.True(RetryDelayExpression.TryParse(text, out var expression, out var error), error);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), expression.Evaluate(retried));
    }

    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("10 - 4 - 3", 3)]
    [InlineData("100 / 10 / 2", 5)]
    [InlineData("2 * 3 / 4", 1.5)]
    [InlineData("-2 * -3", 6)]
    [InlineData("- -5", 5)]
    [InlineData("10 - -5", 15)]
    [InlineData("-(2 - 7)", 5)]
    [InlineData("1.5 * 2", 3)]
    [InlineData("0.25 * 8", 2)]
    [InlineData("007", 7)]
    [InlineData("exp(0) * 5", 5)]
    [InlineData("sqrt(16)", 4)]
    [InlineData("abs(-12)", 12)]
    [InlineData("floor(2.7)", 2)]
    [InlineData("ceil(2.1)", 3)]
    [InlineData("round(2.5)", 3)]
    [InlineData("round(2.4)", 2)]
    [InlineData("round(-2.5) + 10", 7)]
    [InlineData("min(3, 9)", 3)]
    [InlineData("max(3, 9)", 9)]
    [InlineData("pow(2, 10)", 1024)]
    [InlineData("pow(2,pow(2,2))", 16)]
    [InlineData("max(min(5, 7), min(2, 3))", 5)]
    [InlineData("  \t1000\n*\r\n2  ", 2000)]
    [InlineData("2*3+4*5", 26)]
    [InlineData("((((7))))", 7)]
    [InlineData("1000 * retried", 0)]
    public void Evaluate_Arithmetic_FollowsPrecedenceAndAssociativity(string text, double expectedMs)
    {
        Assert.True(RetryDelayExpression.TryParse(text, out var expression, out var error), error);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), expression.Evaluate(0));
    }

    [Theory]
    [InlineData("0.1", 1000)]
    [InlineData("0.00001", 0)]
    [InlineData("0.00006", 1)]
    public void Evaluate_FractionalMilliseconds_RoundsToTicks(string text, long expectedTicks)
    {
        Assert.True(RetryDelayExpression.TryParse(text, out var expression, out _));
        Assert.Equal(expectedTicks, expression.Evaluate(0).Ticks);
    }

    [Theory]
    [InlineData("-1000")]
    [InlineData("0 / 0")]
    [InlineData("sqrt(-1)")]
    [InlineData("-1 / 0")]
    [InlineData("0")]
    [InlineData("1000 - 1000 * retried")]
    public void Evaluate_NegativeOrNaN_ReturnsZero(string text)
    {
        Assert.True(RetryDelayExpression.TryParse(text, out var expression, out _));
        Assert.Equal(TimeSpan.Zero, expression.Evaluate(5));
    }

    [Theory]
    [InlineData("1 / 0")]
    [InlineData("86400001")]
    [InlineData("pow(10, 400)")]
    [InlineData("exp(retried)")]
    [InlineData("pow(2, retried) * 1000")]
    public void Evaluate_InfiniteOrAboveOneDay_ReturnsMaxDelay(string text)
    {
        Assert.True(RetryDelayExpression.TryParse(text, out var expression, out _));
        Assert.Equal(RetryDelayExpression.MaxDelay, expression.Evaluate(1000));
        Assert.Equal(TimeSpan.FromDays(1), RetryDelayExpression.MaxDelay);
    }

    [Fact]
    public void Evaluate_LiteralBeyondDoubleRange_ReturnsMaxDelay()
    {
        Assert.True(RetryDelayExpression.TryParse(new string('9', 500), out var expression, out _));
        Assert.Equal(RetryDelayExpression.MaxDelay, expression.Evaluate(0));
    }

    [Fact]
    public void Evaluate_ExactlyOneDay_ReturnsOneDay()
    {
        Assert.True(RetryDelayExpression.TryParse("86400000", out var expression, out _));
        Assert.Equal(TimeSpan.FromDays(1), expression.Evaluate(0));
    }

    [Fact]
    public void Evaluate_SameExpressionManyTimes_IsStable()
    {
        Assert.True(RetryDelayExpression.TryParse("1000 * (1 + retried)", out var expression, out _));
        for (var retried = 0; retried < 100; retried++)
        {
            Assert.Equal(TimeSpan.FromMilliseconds(1000 * (1 + retried)), expression.Evaluate(retried));
        }
    }

    [Fact]
    public void Evaluate_AfterWarmUp_DoesNotAllocate()
    {
        Assert.True(RetryDelayExpression.TryParse("max(1000, pow(2, retried) * 100) + -abs(retried) / 2", out var expression, out _));
        expression.Evaluate(1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var retried = 0; retried < 1000; retried++)
        {
            expression.Evaluate(retried);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Theory]
    [InlineData(" 1000 * retried ")]
    [InlineData("pow(2,retried)")]
    public void Text_AfterParse_IsVerbatim(string text)
    {
        Assert.True(RetryDelayExpression.TryParse(text, out var expression, out _));
        Assert.Same(text, expression.Text);
        Assert.Equal(text, expression.ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("foo(1)", "unknown function 'foo' at position 1")]
    [InlineData("10 * retries", "unknown variable 'retries' at position 6")]
    [InlineData("Retried", "unknown variable 'Retried' at position 1")]
    [InlineData("POW(2, 3)", "unknown function 'POW' at position 1")]
    [InlineData("retried(2)", "unknown function 'retried'")]
    [InlineData("pow(2)", "function 'pow' takes 2 arguments")]
    [InlineData("pow(1, 2, 3)", "function 'pow' takes 2 arguments")]
    [InlineData("max()", "function 'max' takes 2 arguments")]
    [InlineData("sqrt(1, 2)", "function 'sqrt' takes 1 argument")]
    [InlineData("exp()", "function 'exp' takes 1 argument")]
    [InlineData("pow + 1", "function 'pow'")]
    [InlineData("1 +", "unexpected end of expression")]
    [InlineData("(1 + 2", "unexpected end of expression")]
    [InlineData("pow(2, ", "unexpected end of expression")]
    [InlineData("-", "unexpected end of expression")]
    [InlineData("1 $", "unexpected character '$' at position 3")]
    [InlineData("1 2", "unexpected character '2' at position 3")]
    [InlineData("1 + 2)", "unexpected character ')' at position 6")]
    [InlineData("()", "unexpected character ')' at position 2")]
    [InlineData("+5", "unexpected character '+' at position 1")]
    [InlineData("1 ** 2", "unexpected character '*' at position 4")]
    [InlineData("2retried", "unexpected character 'r' at position 2")]
    [InlineData("1e3", "unexpected character 'e' at position 2")]
    [InlineData("1.", "invalid number")]
    [InlineData("1.x", "invalid number")]
    [InlineData(".5", "unexpected character '.' at position 1")]
    [InlineData("pow(2; 3)", "expected ')' but found ';' at position 6")]
    [InlineData("min(1, 2", "unexpected end of expression")]
    [InlineData("1,2", "unexpected character ',' at position 2")]
    public void TryParse_InvalidText_ReturnsError(string text, string expectedFragment)
    {
        Assert.False(RetryDelayExpression.TryParse(text, out var expression, out var error));
        Assert.Null(expression);
        Assert.Contains(expectedFragment, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_TextLongerThan1024_ReturnsError()
    {
        var text = "1" + string.Concat(Enumerable.Repeat(" + 1", 256));
        Assert.True(text.Length > 1024);

        Assert.False(RetryDelayExpression.TryParse(text, out _, out var error));
        Assert.Contains("1024", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Exactly1024Characters_Succeeds()
    {
        var text = "1" + string.Concat(Enumerable.Repeat(" + 1", 255)) + new string(' ', 3);
        Assert.Equal(1024, text.Length);

        Assert.True(RetryDelayExpression.TryParse(text, out var expression, out var error), error);
        Assert.Equal(TimeSpan.FromMilliseconds(256), expression.Evaluate(0));
    }

    [Fact]
    public void TryParse_NestingOf64_Succeeds()
    {
        var text = new string('(', 64) + "retried" + new string(')', 64);

        Assert.True(RetryDelayExpression.TryParse(text, out var expression, out var error), error);
        Assert.Equal(TimeSpan.FromMilliseconds(3), expression.Evaluate(3));
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("-", "")]
    [InlineData("abs(", ")")]
    public void TryParse_NestingBeyond64_ReturnsErrorWithoutStackOverflow(string open, string close)
    {
        var text = string.Concat(Enumerable.Repeat(open, 65)) + "1" + string.Concat(Enumerable.Repeat(close, 65));

        Assert.False(RetryDelayExpression.TryParse(text, out _, out var error));
        Assert.Contains("nested", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_DeepNestingWithinLengthLimit_ReturnsError()
    {
        var text = new string('(', 600) + "1" + new string(')', 400);

        Assert.False(RetryDelayExpression.TryParse(text, out _, out var error));
        Assert.Contains("64", error, StringComparison.Ordinal);
    }
}
