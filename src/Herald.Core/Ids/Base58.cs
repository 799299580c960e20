using System.Numerics;

namespace Herald.Core.Ids;

/// <summary>Bitcoin-alphabet base58, fixed width so that encodings of equal-length inputs sort like the inputs.</summary>
public static class Base58
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private const int UniformLimit = 232;

    /// <summary>Encodes <paramref name="bytes"/> (big-endian) into exactly <paramref name="width"/> characters.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes, int width)
    {
        var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        return string.Create(width, value, static (span, v) =>
        {
            for (var i = span.Length - 1; i >= 0; i--)
            {
                v = BigInteger.DivRem(v, 58, out var remainder);
                span[i] = Alphabet[(int)remainder];
            }
        });
    }

    /// <summary>Random base58 characters (for signing keys and token ids), from one call to the system CSPRNG.</summary>
    public static string Random(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        return string.Create(length, 0, static (span, _) =>
        {
            // Bytes below 232 (= 4 × 58) map uniformly onto the alphabet; the rest (9 %) are skipped. Twice the length
            // almost always suffices; refill when it does not.
            Span<byte> random = stackalloc byte[Math.Min(span.Length * 2, 256)];
            var used = random.Length;
            for (var i = 0; i < span.Length;)
            {
                if (used == random.Length)
                {
                    System.Security.Cryptography.RandomNumberGenerator.Fill(random);
                    used = 0;
                }

                var b = random[used++];
                if (b < UniformLimit)
                {
                    span[i++] = Alphabet[b % Alphabet.Length];
                }
            }
        });
    }
}
