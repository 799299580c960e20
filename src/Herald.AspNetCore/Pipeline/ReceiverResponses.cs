using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Herald.AspNetCore.Pipeline;

/// <summary>
/// The small JSON answers the receiver gives in place of the handler. Refusals say what, never why: a 401 does not tell
/// an attacker which check failed (the log does).
/// </summary>
internal static class ReceiverResponses
{
    private static readonly byte[] InvalidSignature = """{"error":"invalid signature"}"""u8.ToArray();
    private static readonly byte[] BodyTooLarge = """{"error":"request body too large"}"""u8.ToArray();
    private static readonly byte[] MissingMessageId = """{"error":"missing message id"}"""u8.ToArray();
    private static readonly byte[] InProgress = """{"error":"this message is being processed; retry later"}"""u8.ToArray();
    private static readonly byte[] StoreUnavailable = """{"error":"idempotency store unavailable; retry later"}"""u8.ToArray();

    public static Task UnauthorizedAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status401Unauthorized, InvalidSignature);

    public static Task TooLargeAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status413PayloadTooLarge, BodyTooLarge);

    public static Task MissingMessageIdAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status400BadRequest, MissingMessageId);

    public static Task InProgressAsync(HttpContext context, long retryAfterSeconds)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return WriteAsync(context, StatusCodes.Status409Conflict, InProgress);
    }

    public static Task StoreUnavailableAsync(HttpContext context, long retryAfterSeconds)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return WriteAsync(context, StatusCodes.Status503ServiceUnavailable, StoreUnavailable);
    }

    /// <summary>200 for a message already processed: <c>{"duplicate":true,"messageId":"..."}</c>.</summary>
    public static Task DuplicateAsync(HttpContext context, string messageId)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteBoolean("duplicate", true);
            json.WriteString("messageId", messageId);
            json.WriteEndObject();
        }

        return WriteAsync(context, StatusCodes.Status200OK, buffer.ToArray());
    }

    private static Task WriteAsync(HttpContext context, int statusCode, byte[] json)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        response.ContentLength = json.Length;
        return response.Body.WriteAsync(json, context.RequestAborted).AsTask();
    }
}
