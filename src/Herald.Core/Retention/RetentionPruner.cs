using Herald.Core.Configuration;
using Herald.Core.Diagnostics;
using Herald.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Core.Retention;

/// <summary>
/// Deletes delivered messages, events, DLQ entries and deduplication keys past retention, in small batches so the
/// single writer is never held for long.
/// </summary>
public sealed partial class RetentionPruner(
    IHeraldStore store,
    IOptions<RetentionOptions> options,
    TimeProvider timeProvider,
    ILogger<RetentionPruner> logger)
{
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PruneOnceAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(options.Value.PruneInterval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPruneFailed(logger, ex);
                await Task.Delay(options.Value.PruneInterval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Prunes until nothing past retention is left; returns the rows deleted.</summary>
    public async Task<int> PruneOnceAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var total = 0;
        while (true)
        {
            var now = timeProvider.GetUtcNow();
            var request = new PruneRequest(now, now - o.DeliveredMessages, now - o.Events, now - o.Dlq, o.PruneBatchSize);
            var result = await store.Maintenance.PruneAsync(request, cancellationToken).ConfigureAwait(false);
            total += result.Total;
            if (result.Messages < o.PruneBatchSize && result.Events < o.PruneBatchSize
                && result.DlqEntries < o.PruneBatchSize && result.DedupKeys < o.PruneBatchSize)
            {
                break;
            }
        }

        if (total > 0)
        {
            LogPruned(logger, total);
        }

        return total;
    }

    [LoggerMessage(HeraldEventIds.Pruned, LogLevel.Debug, "Pruned {Count} rows past retention")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(HeraldEventIds.PruneFailed, LogLevel.Error, "Pruning failed; trying again at the next interval")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
