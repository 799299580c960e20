using System.Text.Json;
using Herald.Contracts;
using Herald.Contracts.Wire;

namespace Herald.Server.Api.Support;

/// <summary>The JSON-body form of bulk operations (Python and Go SDKs): <c>{"messageIds": [...]}</c> / <c>{"dlqIds": [...]}</c>.</summary>
internal static class BodyIds
{
    public static async Task<string[]?> ReadAsync(HttpRequest request, Func<IdListRequest, string[]?> pick, CancellationToken cancellationToken)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return null;
        }

        var body = await RequestBody.ReadAsync(request, 1024 * 1024, cancellationToken);
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            var parsed = JsonSerializer.Deserialize(body, HeraldJson.Context.IdListRequest);
            return parsed is null ? null : pick(parsed);
        }
        catch (JsonException ex)
        {
            throw ApiException.BadRequest("invalid JSON body: " + ex.Message);
        }
    }
}
