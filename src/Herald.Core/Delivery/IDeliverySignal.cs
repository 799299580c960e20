namespace Herald.Core.Delivery;

/// <summary>Tells the dispatcher that messages were stored that become due at <c>dueAt</c>.</summary>
public interface IDeliverySignal
{
    void MessagesStored(DateTimeOffset dueAt);
}
