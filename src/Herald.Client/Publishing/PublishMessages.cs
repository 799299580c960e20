using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Herald.Client.Http;
using Herald.Contracts;
using Herald.Contracts.Wire;

namespace Herald.Client.Publishing;

/// <summary>Builds publish, enqueue and batch requests and reads their answers.</summary>
internal static class PublishMessages
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<PublishResult> PublishAsync(HeraldHttp http, PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var destination = Destination(request.Destination);
        var path = request.Queue is null
            ? "/v2/publish/" + destination
            : "/v2/enqueue/" + PathSegment.Escape(request.Queue, nameof(request.Queue)) + "/" + destination;

        var headers = PublishHeaders.Build(request);
        var message = http.Create(HttpMethod.Post, path);
        try
        {
            message.Content = Content(request.Body, request.ContentType);
            PublishHeaders.Apply(message, headers);
        }
        catch
        {
            message.Dispose();
            throw;
        }

        using var document = await http.SendForDocumentAsync(message, cancellationToken).ConfigureAwait(false);
        return ReadResult(document.RootElement);
    }

    public static async Task<IReadOnlyList<BatchItemResult>> BatchAsync(HeraldHttp http, IEnumerable<PublishRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var items = requests.Select(ToBatchItem).ToList();
        using var document = await http.SendForDocumentAsync(
            http.CreateJson(HttpMethod.Post, "/v2/batch", items, HeraldJson.Context.ListBatchItem), cancellationToken).ConfigureAwait(false);

        var root = document.RootElement;

        // QStash answers a bare object for a batch of one; both shapes are read.
        var elements = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
        if (elements.Count != items.Count)
        {
            throw new HeraldApiException($"the batch answer has {elements.Count} items for {items.Count} requests");
        }

        return elements.Select(ReadItem).ToList();
    }

    /// <summary>A destination goes into the path as is: an <c>http(s)</c> URL with its query string, or a URL-group name.</summary>
    internal static string Destination(string destination)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destination, nameof(PublishRequest.Destination));
        if (destination.Any(char.IsWhiteSpace) || destination.Contains('#', StringComparison.Ordinal))
        {
            throw new ArgumentException($"invalid destination '{destination}': no whitespace and no fragment");
        }

        return destination;
    }

    internal static ByteArrayContent Content(ReadOnlyMemory<byte> body, string? contentType)
    {
        var content = new ByteArrayContent(body.ToArray());
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }

    private static BatchItem ToBatchItem(PublishRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (request.ContentType is not null)
        {
            headers["Content-Type"] = request.ContentType;
        }

        foreach (var (name, value) in PublishHeaders.Build(request))
        {
            headers[name] = value;
        }

        string body;
        try
        {
            body = StrictUtf8.GetString(request.Body.Span);
        }
        catch (DecoderFallbackException ex)
        {
            throw new ArgumentException("a batch carries bodies as JSON strings, so a batch body must be UTF-8 text; publish binary bodies one by one", nameof(request), ex);
        }

        return new BatchItem
        {
            Destination = Destination(request.Destination),
            Headers = headers.Count == 0 ? null : headers,
            Body = body,
            Queue = request.Queue,
        };
    }

    private static BatchItemResult ReadItem(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("error", out var error))
        {
            return new BatchItemResult(null, error.ValueKind == JsonValueKind.String ? error.GetString() : error.GetRawText());
        }

        return new BatchItemResult(ReadResult(element), null);
    }

    private static PublishResult ReadResult(JsonElement element)
    {
        try
        {
            return element.ValueKind switch
            {
                JsonValueKind.Array => new PublishResult(
                    element.EnumerateArray().Select(e => e.Deserialize(HeraldJson.Context.PublishResponse)!).ToList(), isUrlGroup: true),
                JsonValueKind.Object => new PublishResult([element.Deserialize(HeraldJson.Context.PublishResponse)!], isUrlGroup: false),
                _ => throw new HeraldApiException($"unexpected publish answer: {element.GetRawText()}"),
            };
        }
        catch (JsonException ex)
        {
            throw new HeraldApiException($"unexpected publish answer: {element.GetRawText()}", ex);
        }
    }
}
