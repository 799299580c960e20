using System.Net;
using Herald.Core.Configuration;
using Herald.Core.Delivery;
using Herald.Core.Diagnostics;
using Herald.Core.Egress;
using Herald.Core.Ids;
using Herald.Core.Publishing;
using Herald.Core.Retention;
using Herald.Core.Signing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Herald.Core;

public static class HeraldCoreServiceCollectionExtensions
{
    /// <summary>Registers the engine, publisher, parser and their defaults; a store must be added separately.</summary>
    public static IServiceCollection AddHeraldCore(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDnsResolver, SystemDnsResolver>();
        services.TryAddSingleton(static sp => new EgressPolicy(ParseNetworks(sp.GetRequiredService<IOptions<EgressOptions>>().Value.AllowedNetworks)));
        services.TryAddSingleton<EgressConnector>();
        services.TryAddSingleton<DeliveryHttpClient>();
        services.TryAddSingleton<IdGenerator>();
        services.TryAddSingleton<HeraldMetrics>();
        services.TryAddSingleton<SigningKeyService>();
        services.TryAddSingleton<StandardWebhooksSecrets>();
        services.TryAddSingleton<DeliverySender>();
        services.TryAddSingleton<CallbackFactory>();
        services.TryAddSingleton<RetryPlanner>();
        services.TryAddSingleton<DeliveryEngine>();
        services.TryAddSingleton<IDeliverySignal>(static sp => sp.GetRequiredService<DeliveryEngine>());
        services.TryAddSingleton<IDeliveryHandOff>(static sp => sp.GetRequiredService<DeliveryEngine>());
        services.TryAddSingleton<DestinationValidator>();
        services.TryAddSingleton<PublishRequestParser>();
        services.TryAddSingleton<MessagePublisher>();
        services.TryAddSingleton<PublishPlanner>();
        services.TryAddSingleton<RetentionPruner>();
        services.TryAddSingleton(static sp => sp.GetRequiredService<Storage.IHeraldStore>().Schedules);
        services.TryAddSingleton<Schedules.IScheduleMessageFactory, Schedules.ScheduleMessageFactory>();
        services.TryAddSingleton<Schedules.ScheduleRunner>();
        services.TryAddSingleton<Schedules.ScheduleManager>();
        return services;
    }

    public static IReadOnlyList<IPNetwork> ParseNetworks(IEnumerable<string> networks)
    {
        var result = new List<IPNetwork>();
        foreach (var text in networks)
        {
            if (!IPNetwork.TryParse(text.Trim(), out var network))
            {
                if (!IPAddress.TryParse(text.Trim(), out var address))
                {
                    throw new OptionsValidationException(EgressOptions.SectionName, typeof(EgressOptions), [$"'{text}' is not a network such as 10.0.0.0/8 or an address"]);
                }

                network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            }

            result.Add(network);
        }

        return result;
    }
}
