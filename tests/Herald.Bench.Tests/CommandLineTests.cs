namespace Herald.Bench.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Help_ListsTheModesAndScenarioSelection()
    {
        var output = new StringWriter();

        var exitCode = await BenchApp.RunAsync(["--help"], output, new StringWriter(), TestContext.Current.CancellationToken);

        Assert.Equal(0, exitCode);
        foreach (var option in new[] { "--quick", "--tiny", "--scenarios", "--clients", "--repeat", "--out", "--herald", "--config-override" })
        {
            Assert.Contains(option, output.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--scenarios", "direct,nope", "unknown scenario")]
    [InlineData("--config-override", "Delivery:MaxConcurrency", "key=value")]
    [InlineData("--fail-fraction", "1.5", "--fail-fraction")]
    public async Task BadArguments_ExitWithTwoAndSayWhy(string option, string value, string message)
    {
        var errors = new StringWriter();

        var exitCode = await BenchApp.RunAsync(["--tiny", option, value], new StringWriter(), errors, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, errors.ToString(), StringComparison.Ordinal);
    }
}
