using System.Buffers.Binary;
using System.Security.Cryptography;
using Herald.Core.Ids;

namespace Herald.Core.Schedules;

/// <summary>Generated schedule ids: <c>scd_</c> and, like message ids, 48 bits of Unix milliseconds then 80 random bits in base58.</summary>
internal static class ScheduleIds
{
    public const string Prefix = "scd_";

    public static string New(TimeProvider timeProvider)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, timeProvider.GetUtcNow().ToUnixTimeMilliseconds() << 16);
        RandomNumberGenerator.Fill(bytes[6..]);
        return Prefix + Base58.Encode(bytes, 22);
    }
}
