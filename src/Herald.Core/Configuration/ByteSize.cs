using System.ComponentModel;
using System.Globalization;

namespace Herald.Core.Configuration;

/// <summary>
/// A size in bytes that reads as configuration text: a plain number of bytes (<c>65536</c>) or a number with a unit
/// (<c>64KiB</c>, <c>1MiB</c>, <c>1GiB</c>; <c>KB</c>/<c>MB</c>/<c>GB</c> are read as the same powers of 1024).
/// </summary>
[TypeConverter(typeof(ByteSizeConverter))]
public readonly record struct ByteSize(long Bytes) : IComparable<ByteSize>
{
    public static ByteSize FromKibibytes(long value) => new(checked(value * 1024));

    public static ByteSize FromMebibytes(long value) => new(checked(value * 1024 * 1024));

    public static bool TryParse(string? text, out ByteSize size)
    {
        size = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        var digits = 0;
        while (digits < span.Length && char.IsAsciiDigit(span[digits]))
        {
            digits++;
        }

        if (digits == 0 || !long.TryParse(span[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        long multiplier = span[digits..].Trim().ToString().ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "K" or "KB" or "KIB" => 1L << 10,
            "M" or "MB" or "MIB" => 1L << 20,
            "G" or "GB" or "GIB" => 1L << 30,
            _ => 0,
        };
        if (multiplier == 0 || number > long.MaxValue / multiplier)
        {
            return false;
        }

        size = new ByteSize(number * multiplier);
        return true;
    }

    public int CompareTo(ByteSize other) => Bytes.CompareTo(other.Bytes);

    public override string ToString() => Bytes switch
    {
        >= 1L << 30 when Bytes % (1L << 30) == 0 => $"{Bytes >> 30}GiB",
        >= 1L << 20 when Bytes % (1L << 20) == 0 => $"{Bytes >> 20}MiB",
        >= 1L << 10 when Bytes % (1L << 10) == 0 => $"{Bytes >> 10}KiB",
        _ => $"{Bytes}B",
    };

    public static bool operator <(ByteSize left, ByteSize right) => left.Bytes < right.Bytes;

    public static bool operator >(ByteSize left, ByteSize right) => left.Bytes > right.Bytes;

    public static bool operator <=(ByteSize left, ByteSize right) => left.Bytes <= right.Bytes;

    public static bool operator >=(ByteSize left, ByteSize right) => left.Bytes >= right.Bytes;
}
