using Herald.Bench.Measuring;

namespace Herald.Bench.Load;

/// <summary>
/// Per-request records of one load run, indexed by message number: when it was sent (and, paced, when it was
/// scheduled), when its answer completed, its status and the message id Herald returned.
/// </summary>
internal sealed class PublishLog
{
    public PublishLog(int count, bool scheduled = false)
    {
        StartedAt = new long[count];
        CompletedAt = new long[count];
        Status = new int[count];
        MessageIds = new string?[count];
        NotBefore = new long[count];
        ScheduledAt = scheduled ? new long[count] : null;
    }

    public int Count => Status.Length;

    public long[] StartedAt { get; }

    public long[] CompletedAt { get; }

    /// <summary>The open-loop schedule (paced runs only).</summary>
    public long[]? ScheduledAt { get; }

    public int[] Status { get; }

    public string?[] MessageIds { get; }

    /// <summary><c>notBefore</c> (Unix ms) of message reads, 0 when not read.</summary>
    public long[] NotBefore { get; }

    public void Record(int index, long startedAt, long completedAt, SendResult result)
    {
        StartedAt[index] = startedAt;
        CompletedAt[index] = completedAt;
        Status[index] = result.Status;
        MessageIds[index] = result.MessageId;
        NotBefore[index] = result.NotBefore ?? 0;
    }

    public bool IsSuccess(int index) => Status[index] is >= 200 and < 300;

    public int SuccessCount()
    {
        var ok = 0;
        for (var i = 0; i < Count; i++)
        {
            if (IsSuccess(i))
            {
                ok++;
            }
        }

        return ok;
    }

    /// <summary>Requests sent but not answered 2xx (or answered without the expected field).</summary>
    public int FailureCount() => Count - SuccessCount();

    /// <summary>Successful requests per second, from the first send to the last answer.</summary>
    public double Throughput()
    {
        long first = long.MaxValue, last = long.MinValue;
        for (var i = 0; i < Count; i++)
        {
            first = Math.Min(first, StartedAt[i]);
            last = Math.Max(last, CompletedAt[i]);
        }

        var ok = SuccessCount();
        return ok == 0 || last <= first ? double.NaN : ok / Clock.Seconds(first, last);
    }

    public long FirstStart()
    {
        var first = long.MaxValue;
        foreach (var started in StartedAt)
        {
            first = Math.Min(first, started);
        }

        return first;
    }

    /// <summary>Send-to-answer latency of the successful requests.</summary>
    public LatencySummary Latency()
    {
        var values = new List<double>(Count);
        for (var i = 0; i < Count; i++)
        {
            if (IsSuccess(i))
            {
                values.Add(Clock.Ms(StartedAt[i], CompletedAt[i]));
            }
        }

        return LatencySummary.Of(values);
    }

    /// <summary>How late the open-loop generator sent each request against its schedule (paced runs).</summary>
    public LatencySummary DispatchLag()
    {
        var values = new List<double>(Count);
        if (ScheduledAt is { } scheduled)
        {
            for (var i = 0; i < Count; i++)
            {
                values.Add(Clock.Ms(scheduled[i], StartedAt[i]));
            }
        }

        return LatencySummary.Of(values);
    }
}
