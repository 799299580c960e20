namespace Herald.Client.Tests.Support;

public static class ReceiverExtensions
{
    /// <summary>Waits until <paramref name="path"/> received <paramref name="count"/> requests; returns the requests to that path.</summary>
    public static async Task<IReadOnlyList<ReceivedRequest>> DeliveriesAsync(this LoopbackReceiver receiver, string path, int count = 1)
    {
        await receiver.WaitForCountAsync(path, count);
        return receiver.For(path);
    }
}
