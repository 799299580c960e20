using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Herald.AspNetCore.Signatures;

/// <summary>
/// Reads the raw request body for verification without taking it from the handler: the body is buffered
/// (<c>EnableBuffering</c>), read to the end and rewound, so model binding and the handler read it again from the start.
/// </summary>
internal static class RequestBodyReader
{
    private const int ChunkSize = 16 * 1024;

    /// <summary>The body, or <see langword="null"/> when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > maxBytes)
        {
            return null;
        }

        request.EnableBuffering();
        var body = request.Body;
        var copy = new MemoryStream(request.ContentLength is { } known ? (int)known : 4096);
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = await body.ReadAsync(chunk.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false);
                }
                catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    // The server's own limit (Kestrel's MaxRequestBodySize) is lower than ours.
                    return null;
                }

                if (read == 0)
                {
                    break;
                }

                if (copy.Length + read > maxBytes)
                {
                    return null;
                }

                copy.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        body.Position = 0;
        return copy.ToArray();
    }
}
