using System.Text.Json.Serialization.Metadata;
using Herald.Contracts;
using Herald.Contracts.Wire;

namespace Herald.Server.Api.Support;

/// <summary>JSON results written with the source-generated wire context (camelCase, nulls omitted).</summary>
internal static class ApiResults
{
    public static IResult Error(int statusCode, string message) =>
        new SizedJsonResult<ErrorResponse>(new ErrorResponse(message), HeraldJson.Context.ErrorResponse, statusCode);

    public static IResult Json<T>(T value, JsonTypeInfo<T> typeInfo, int statusCode = StatusCodes.Status200OK) =>
        new SizedJsonResult<T>(value, typeInfo, statusCode);

    /// <summary>A 200 with an empty JSON object, for endpoints whose body the SDKs ignore.</summary>
    public static IResult EmptyObject() => Results.Text("{}", "application/json", statusCode: StatusCodes.Status200OK);
}
