using System.Numerics;

namespace Herald.Core.Ids;

/// <summary>Bitcoin-alphabet base58, fixed width so that encodings of equal-length inputs sort like the inputs.</summary>
public static class Base58
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

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

    /// <summary>Random base58 characters (for signing keys and token ids).</summary>
    public static string Random(int length) =>
        string.Create(length, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });
}
