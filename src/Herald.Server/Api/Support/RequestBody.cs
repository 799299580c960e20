namespace Herald.Server.Api.Support;

/// <summary>Reads a request body up to a limit; larger bodies are refused with 413 before they are buffered.</summary>
internal static class RequestBody
{
    public static async Task<byte[]> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length && length > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        var limit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (limit is { IsReadOnly: false })
        {
            limit.MaxRequestBodySize = maxBytes + 1;
        }

        using var buffer = new MemoryStream(request.ContentLength is { } known ? (int)known : 1024);
        var chunk = new byte[16 * 1024];
        while (true)
        {
            int read;
            try
            {
                read = await request.Body.ReadAsync(chunk, cancellationToken);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                throw TooLarge(maxBytes);
            }

            if (read == 0)
            {
                break;
            }

            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ApiException TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, $"message body is larger than the limit of {maxBytes} bytes (Messages:MaxBodySize)");
}
