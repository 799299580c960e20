using Herald.Bench.Receiving;

namespace Herald.Bench.Tests;

public sealed class ReceiptTableTests
{
    [Fact]
    public void ASecondAcknowledgedReceipt_IsADuplicate()
    {
        var table = new ReceiptTable(expected: 10);

        Assert.Equal(200, table.Record("msg_a", 10, 1000));
        Assert.Equal(200, table.Record("msg_a", 20, 2000));
        Assert.Equal(200, table.Record("msg_b", 30, 3000));

        Assert.Equal(1, table.Duplicates);
        Assert.Equal(2, table.UniqueAcked);
        Assert.True(table.TryGet("msg_a", out var receipt));
        Assert.Equal(new Receipt(2, 2, 10, 1000), receipt);
        Assert.False(table.TryGet("msg_c", out _));
    }

    [Fact]
    public void TheFailingFraction_FailsOnlyFirstAttempts_AndTheRetryIsNoDuplicate()
    {
        var table = new ReceiptTable(expected: 10_000, failFraction: 0.1);
        var ids = Enumerable.Range(0, 10_000).Select(i => $"msg_{i:x8}").ToList();

        var failed = ids.Where(id => table.Record(id, 1, 1) == 500).ToList();
        foreach (var id in failed)
        {
            Assert.Equal(200, table.Record(id, 2, 2));
        }

        Assert.InRange(failed.Count, 800, 1_200);
        Assert.Equal(failed.Count, table.FailedFirstAttempts);
        Assert.Equal(0, table.Duplicates);
        Assert.Equal(ids.Count, table.UniqueAcked);
        Assert.All(failed, id => Assert.True(new ReceiptTable(expected: 1, failFraction: 0.1).ShouldFail(id)));
    }

    [Fact]
    public async Task ConcurrentRecords_LoseNothing()
    {
        var table = new ReceiptTable(expected: 100_000);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                table.Record($"msg_{i}", 1, 1);
            }
        }, TestContext.Current.CancellationToken)));

        Assert.Equal(100_000, table.Count);
        Assert.Equal(100_000, table.UniqueAcked);
        Assert.Equal(300_000, table.Duplicates);
    }

    [Fact]
    public void TheDefaultTable_HoldsAMillionIds()
    {
        Assert.True(new ReceiptTable().Capacity >= 2 * ReceiptTable.DefaultExpected);
    }
}
