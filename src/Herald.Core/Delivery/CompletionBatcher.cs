using System.Threading.Channels;
using Herald.Core.Storage;

namespace Herald.Core.Delivery;

/// <summary>
/// Records attempt outcomes in batches: whatever outcomes are waiting go to the store in one call (one write
/// operation, one wake-up) instead of one call per attempt. Each caller still gets its own status, or the store's
/// exception for the whole batch.
/// </summary>
internal sealed class CompletionBatcher
{
    private const int MaxBatch = 512;

    private readonly IMessageStore _store;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    public CompletionBatcher(IMessageStore store)
    {
        _store = store;
        _ = Task.Run(LoopAsync);
    }

    public Task<CompletionStatus> CompleteAsync(AttemptCompletion completion)
    {
        var pending = new Pending(completion);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("the completion batcher is stopped");
        }

        return pending.Result.Task;
    }

    public void Stop() => _queue.Writer.TryComplete();

    private async Task LoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        var completions = new List<AttemptCompletion>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            completions.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                completions.Add(pending.Completion);
            }

            try
            {
                var statuses = await _store.CompleteAsync([.. completions], CancellationToken.None).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Result.TrySetResult(statuses[i]);
                }
            }
            catch (Exception) when (batch.Count > 1)
            {
                // One bad outcome must not fail its neighbours: record them one by one so each caller sees its own
                // result.
                foreach (var pending in batch)
                {
                    await CompleteOneAsync(pending).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                batch[0].Result.TrySetException(ex);
            }
        }
    }

    private async Task CompleteOneAsync(Pending pending)
    {
        try
        {
            var statuses = await _store.CompleteAsync([pending.Completion], CancellationToken.None).ConfigureAwait(false);
            pending.Result.TrySetResult(statuses[0]);
        }
        catch (Exception ex)
        {
            pending.Result.TrySetException(ex);
        }
    }

    private sealed class Pending(AttemptCompletion completion)
    {
        public AttemptCompletion Completion { get; } = completion;

        public TaskCompletionSource<CompletionStatus> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
