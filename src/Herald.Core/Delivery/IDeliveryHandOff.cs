using Herald.Core.Messages;
using Herald.Core.Storage;

namespace Herald.Core.Delivery;

/// <summary>
/// Publish-time hand-off: a message that is due now, outside queues and flow control, is stored already claimed
/// and given to this node's engine in memory, saving the claim's write and read. Only while the engine has free
/// slots and nothing older is waiting, so it never overtakes due work.
/// </summary>
public interface IDeliveryHandOff
{
    /// <summary>Reserves up to <paramref name="wanted"/> attempt slots; returns how many (0 when the engine is not taking any).</summary>
    int TryReserve(int wanted, DateTimeOffset now);

    /// <summary>The lease a message claimed at publish time is stored with.</summary>
    PublishClaim NewClaim(MessageSpec spec, DateTimeOffset now);

    /// <summary>Starts the attempt of a message stored with its claim; uses one reserved slot.</summary>
    void Start(NewMessage message);

    /// <summary>Gives back reserved slots that were not used (deduplicated or failed publishes).</summary>
    void Unreserve(int count);
}
