using Herald.Core.Storage;

namespace Herald.Core.Delivery;

/// <summary>An attempt the engine is running: its claim, how to abort it, and why it was aborted.</summary>
internal sealed class InFlightAttempt(ClaimedMessage claimed) : IDisposable
{
    public ClaimedMessage Claimed { get; } = claimed;

    public CancellationTokenSource Abort { get; } = new();

    /// <summary>Set when shutdown aborted the attempt: its lease is released, no outcome is recorded.</summary>
    public bool AbortedForShutdown { get; set; }

    public Task Completion { get; set; } = Task.CompletedTask;

    public void Dispose() => Abort.Dispose();
}
