using System.Net;
using Herald.Core.Egress;

namespace Herald.Core.Tests.Egress;

/// <summary>Answers every lookup with fixed addresses and records the hosts asked for.</summary>
internal sealed class FakeDnsResolver(params string[] addresses) : IDnsResolver
{
    private readonly IPAddress[] _addresses = Array.ConvertAll(addresses, IPAddress.Parse);

    public List<string> Lookups { get; } = [];

    public ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        Lookups.Add(host);
        return ValueTask.FromResult(_addresses);
    }
}
