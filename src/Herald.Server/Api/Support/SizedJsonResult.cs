using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Herald.Server.Api.Support;

/// <summary>
/// JSON with a <c>Content-Length</c>: serialized first, then written in one piece. Without the length Kestrel sends
/// the body chunked and the terminating chunk as a second socket write on every response.
/// </summary>
internal sealed class SizedJsonResult<T>(T value, JsonTypeInfo<T> typeInfo, int statusCode) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => statusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }
}
