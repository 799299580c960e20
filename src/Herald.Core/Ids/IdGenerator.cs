using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Herald.Core.Ids;

/// <summary>
/// Prefixed, roughly time-ordered ids: 48 bits of Unix milliseconds then 80 random bits, base58. Time order keeps
/// inserts into the id index near its end; the random part makes ids unguessable across tenants.
/// </summary>
public sealed class IdGenerator(TimeProvider timeProvider)
{
    private long _dlqSequence;

    public string NewMessageId() => NewId("msg_");

    public string NewScheduleId() => NewId("scd_");

    public static string NewJwtId() => "jwt_" + Base58.Random(22);

    /// <summary>DLQ ids look like Redis stream ids, as QStash's do: <c>{unixMs}-{sequence}</c>.</summary>
    public string NewDlqId() =>
        string.Concat(
            timeProvider.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-",
            (Interlocked.Increment(ref _dlqSequence) & 0xFFFFFF).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private string NewId(string prefix)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, timeProvider.GetUtcNow().ToUnixTimeMilliseconds() << 16);
        RandomNumberGenerator.Fill(bytes[6..]);
        return prefix + Base58.Encode(bytes, 22);
    }
}
