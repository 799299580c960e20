using Herald.Core.Delivery;
using Herald.Core.Storage;

namespace Herald.Server.Api.Support;

/// <summary>What a flow-control change needs, bound as one parameter.</summary>
internal sealed record FlowServices(IHeraldStore Store, IDeliverySignal Signal, TimeProvider TimeProvider);
