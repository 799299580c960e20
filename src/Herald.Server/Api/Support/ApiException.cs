namespace Herald.Server.Api.Support;

/// <summary>A request Herald refuses: becomes <c>{"error": Message}</c> with <see cref="StatusCode"/>.</summary>
internal sealed class ApiException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public static ApiException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);

    public static ApiException NotFound(string message) => new(StatusCodes.Status404NotFound, message);
}
