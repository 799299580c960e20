namespace Herald.Bench.Receiving;

/// <summary>
/// A lock-free, fixed-capacity hash table from message id to what the receiver saw: open addressing with linear
/// probing, slots claimed by compare-and-swap on the id, counters updated with interlocked increments. Sized up
/// front (twice the expected ids, rounded to a power of two; the default holds 1M ids), so nothing resizes or
/// allocates while messages arrive.
/// </summary>
internal sealed class ReceiptTable
{
    public const int DefaultExpected = 1_000_000;

    private readonly string?[] _ids;
    private readonly int[] _attempts;
    private readonly int[] _acks;
    private readonly long[] _firstAckedAt;
    private readonly double[] _firstAckedWallMs;
    private readonly int _mask;
    private readonly uint _failBelow;
    private int _count;
    private int _uniqueAcked;
    private int _duplicates;
    private int _failedFirstAttempts;
    private int _overflow;

    public ReceiptTable(int expected = DefaultExpected, double failFraction = 0)
    {
        var capacity = (int)Math.Max(1024, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, expected) * 2));
        _ids = new string?[capacity];
        _attempts = new int[capacity];
        _acks = new int[capacity];
        _firstAckedAt = new long[capacity];
        _firstAckedWallMs = new double[capacity];
        _mask = capacity - 1;
        _failBelow = (uint)Math.Round(failFraction * 1_000_000);
    }

    public int Capacity => _ids.Length;

    /// <summary>Distinct ids seen.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Distinct ids answered 2xx at least once.</summary>
    public int UniqueAcked => Volatile.Read(ref _uniqueAcked);

    /// <summary>2xx answers beyond the first per id: a delivery of a message that was already acknowledged.</summary>
    public int Duplicates => Volatile.Read(ref _duplicates);

    /// <summary>First attempts answered 500 on purpose (the retries scenario).</summary>
    public int FailedFirstAttempts => Volatile.Read(ref _failedFirstAttempts);

    /// <summary>Ids that found no free slot (the table was sized too small); they are answered 200 and not recorded.</summary>
    public int Overflow => Volatile.Read(ref _overflow);

    /// <summary>
    /// Records a request for <paramref name="id"/> received at <paramref name="timestamp"/> and returns the status to
    /// answer: 500 for the first attempt of the deterministic fraction (by a stable hash of the id), else 200.
    /// </summary>
    public int Record(string id, long timestamp, double wallMs)
    {
        var hash = Hash(id);
        var slot = Find(id, hash, insert: true);
        if (slot < 0)
        {
            Interlocked.Increment(ref _overflow);
            return 200;
        }

        var attempt = Interlocked.Increment(ref _attempts[slot]);
        if (attempt == 1 && ShouldFail(hash))
        {
            Interlocked.Increment(ref _failedFirstAttempts);
            return 500;
        }

        if (Interlocked.Increment(ref _acks[slot]) == 1)
        {
            _firstAckedWallMs[slot] = wallMs;
            Volatile.Write(ref _firstAckedAt[slot], timestamp);
            Interlocked.Increment(ref _uniqueAcked);
        }
        else
        {
            Interlocked.Increment(ref _duplicates);
        }

        return 200;
    }

    public bool TryGet(string id, out Receipt receipt)
    {
        var slot = Find(id, Hash(id), insert: false);
        if (slot < 0)
        {
            receipt = default;
            return false;
        }

        var ackedAt = Volatile.Read(ref _firstAckedAt[slot]);
        receipt = new Receipt(Volatile.Read(ref _attempts[slot]), Volatile.Read(ref _acks[slot]), ackedAt, _firstAckedWallMs[slot]);
        return true;
    }

    /// <summary>Whether the receiver answers the first attempt of <paramref name="id"/> with 500 (stable across runs).</summary>
    public bool ShouldFail(string id) => ShouldFail(Hash(id));

    private bool ShouldFail(uint hash) => _failBelow > 0 && Mix(hash) % 1_000_000 < _failBelow;

    private int Find(string id, uint hash, bool insert)
    {
        var slot = (int)(hash & (uint)_mask);
        for (var probe = 0; probe <= _mask; probe++)
        {
            var existing = Volatile.Read(ref _ids[slot]);
            if (existing is null)
            {
                if (!insert)
                {
                    return -1;
                }

                existing = Interlocked.CompareExchange(ref _ids[slot], id, null);
                if (existing is null)
                {
                    Interlocked.Increment(ref _count);
                    return slot;
                }
            }

            if (string.Equals(existing, id, StringComparison.Ordinal))
            {
                return slot;
            }

            slot = (slot + 1) & _mask;
        }

        return -1;
    }

    /// <summary>FNV-1a over the UTF-16 code units: stable across processes, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static uint Hash(string id)
    {
        var hash = 2166136261u;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    /// <summary>A second, independent-looking bit mix so the failing fraction does not correlate with the slot.</summary>
    private static uint Mix(uint hash)
    {
        hash ^= hash >> 16;
        hash *= 0x7feb352d;
        hash ^= hash >> 15;
        hash *= 0x846ca68b;
        hash ^= hash >> 16;
        return hash;
    }
}
