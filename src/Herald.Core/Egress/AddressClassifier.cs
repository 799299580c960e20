using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Herald.Core.Egress;

/// <summary>Decides whether an address is globally routable (not private, loopback, link-local, reserved, …).</summary>
internal static class AddressClassifier
{
    private static readonly (uint Prefix, int Length)[] NonPublicV4 =
    [
        (0x00000000, 8),  // 0.0.0.0/8 "this network"
        (0x0A000000, 8),  // 10.0.0.0/8 private
        (0x64400000, 10), // 100.64.0.0/10 shared address space (CGN)
        (0x7F000000, 8),  // 127.0.0.0/8 loopback
        (0xA9FE0000, 16), // 169.254.0.0/16 link-local, cloud metadata
        (0xAC100000, 12), // 172.16.0.0/12 private
        (0xC0000000, 24), // 192.0.0.0/24 IETF protocol assignments
        (0xC0000200, 24), // 192.0.2.0/24 TEST-NET-1
        (0xC0586300, 24), // 192.88.99.0/24 6to4 relay anycast
        (0xC0A80000, 16), // 192.168.0.0/16 private
        (0xC6120000, 15), // 198.18.0.0/15 benchmarking
        (0xC6336400, 24), // 198.51.100.0/24 TEST-NET-2
        (0xCB007100, 24), // 203.0.113.0/24 TEST-NET-3
        (0xE0000000, 4),  // 224.0.0.0/4 multicast
        (0xF0000000, 4),  // 240.0.0.0/4 reserved, limited broadcast
    ];

    // Everything outside 2000::/3 (global unicast) is already non-public; these are the exceptions inside it.
    private static readonly IPNetwork[] NonPublicGlobalV6 =
    [
        IPNetwork.Parse("2001::/23"),     // IETF protocol assignments (Teredo, ORCHID, benchmarking, …)
        IPNetwork.Parse("2001:db8::/32"), // documentation
        IPNetwork.Parse("3fff::/20"),     // documentation (RFC 9637)
    ];

    private static readonly IPNetwork GlobalUnicastV6 = IPNetwork.Parse("2000::/3");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IsPublicV4(address);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublicV4(address.MapToIPv4());
        }

        Span<byte> bytes = stackalloc byte[16];
        _ = address.TryWriteBytes(bytes, out _);
        if (!bytes[..12].ContainsAnyExcept((byte)0))
        {
            // ::/128 and ::1/128 are special; the rest of ::/96 is the deprecated IPv4-compatible form.
            var v4 = BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]);
            return v4 > 1 && IsPublicV4(v4);
        }

        if (SixToFour.Contains(address))
        {
            return IsPublicV4(BinaryPrimitives.ReadUInt32BigEndian(bytes[2..6]));
        }

        if (!GlobalUnicastV6.Contains(address))
        {
            return false;
        }

        foreach (var network in NonPublicGlobalV6)
        {
            if (network.Contains(address))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPublicV4(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        _ = address.TryWriteBytes(bytes, out _);
        return IsPublicV4(BinaryPrimitives.ReadUInt32BigEndian(bytes));
    }

    private static bool IsPublicV4(uint address)
    {
        foreach (var (prefix, length) in NonPublicV4)
        {
            var mask = uint.MaxValue << (32 - length);
            if ((address & mask) == prefix)
            {
                return false;
            }
        }

        return true;
    }
}
