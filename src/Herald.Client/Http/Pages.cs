using System.Runtime.CompilerServices;

namespace Herald.Client.Http;

/// <summary>Walks a cursor-paged listing: every item of every page, once, until a page comes without a cursor.</summary>
internal static class Pages
{
    public static async IAsyncEnumerable<TItem> EnumerateAsync<TPage, TItem>(
        Func<string?, CancellationToken, Task<TPage>> fetch,
        Func<TPage, IReadOnlyList<TItem>> items,
        Func<TPage, string?> nextCursor,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await fetch(cursor, cancellationToken).ConfigureAwait(false);
            foreach (var item in items(page))
            {
                yield return item;
            }

            cursor = nextCursor(page);
            if (string.IsNullOrEmpty(cursor))
            {
                yield break;
            }

            // A cursor that comes back would loop forever; a server that does so is broken.
            if (!seen.Add(cursor))
            {
                throw new HeraldApiException($"the server answered cursor '{cursor}' twice; stopping the listing");
            }
        }
    }

    public static string? Order(ListOrder? order) => order switch
    {
        null => null,
        ListOrder.EarliestFirst => "earliestFirst",
        ListOrder.LatestFirst => "latestFirst",
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, "unknown order"),
    };

    /// <summary>A page size or bulk count: positive; the server enforces its own maximum.</summary>
    public static int? Count(int? count, string name) => count is null or >= 1
        ? count
        : throw new ArgumentOutOfRangeException(name, count, $"{name} must be positive");
}
