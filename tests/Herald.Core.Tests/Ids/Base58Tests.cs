using Herald.Core.Ids;

namespace Herald.Core.Tests.Ids;

public sealed class Base58Tests
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    [Theory]
    [InlineData(1)]
    [InlineData(22)]
    [InlineData(200)]
    public void Random_HasTheLengthAndOnlyAlphabetCharacters(int length)
    {
        var value = Base58.Random(length);

        Assert.Equal(length, value.Length);
        Assert.All(value, c => Assert.Contains(c, Alphabet));
    }

    [Fact]
    public void Random_UsesEveryCharacterEquallyOften()
    {
        // 2.3 M characters: each count has a standard deviation of ~0.5 % of its expectation, while a modulo bias
        // (256 % 58) would put the first 24 characters 13 % above the rest.
        var counts = new int[Alphabet.Length];
        for (var i = 0; i < 40_000; i++)
        {
            foreach (var c in Base58.Random(58))
            {
                counts[Alphabet.IndexOf(c, StringComparison.Ordinal)]++;
            }
        }

        var expected = 40_000.0;
        Assert.All(counts, count => Assert.InRange(count, expected * 0.96, expected * 1.04));
    }

    [Fact]
    public void Random_DoesNotRepeat()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(seen.Add(Base58.Random(22)));
        }
    }

    [Fact]
    public void Random_RejectsNonPositiveLengths()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Base58.Random(0));
    }

    [Fact]
    public void Encode_IsFixedWidthAndSortsLikeTheInput()
    {
        byte[] small = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 57];
        byte[] larger = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0];
        byte[] largest = [.. Enumerable.Repeat((byte)0xFF, 16)];

        Assert.Equal(new string('1', 21) + "z", Base58.Encode(small, 22));
        Assert.True(string.CompareOrdinal(Base58.Encode(small, 22), Base58.Encode(larger, 22)) < 0);
        Assert.True(string.CompareOrdinal(Base58.Encode(larger, 22), Base58.Encode(largest, 22)) < 0);
        Assert.Equal(22, Base58.Encode(largest, 22).Length);
    }
}
