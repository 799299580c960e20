using Herald.Contracts;
using Herald.Contracts.Wire;
using Herald.Core.Diagnostics;
using Herald.Core.Publishing;
using Herald.Core.Storage;

namespace Herald.Server.Api.Support;

/// <summary>
/// Every failure leaves as <c>{"error": "..."}</c>: refused input 4xx with its reason, storage outages 503 (nothing
/// was acknowledged), anything else 500 without internals. Empty 4xx/5xx responses (unknown route, wrong method)
/// get a body too.
/// </summary>
internal static partial class ErrorHandling
{
    public static IApplicationBuilder UseHeraldErrors(this IApplicationBuilder app) => app.Use(HandleAsync);

    private static async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (ApiException ex)
        {
            await WriteAsync(context, ex.StatusCode, ex.Message);
            return;
        }
        catch (PublishRejectedException ex)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, ex.Message);
            return;
        }
        catch (Core.NotFoundException ex)
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, ex.Message);
            return;
        }
        catch (StorageUnavailableException ex)
        {
            context.Response.Headers.RetryAfter = "1";
            await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "storage unavailable, nothing was stored: " + ex.Message);
            return;
        }
        catch (BadHttpRequestException ex)
        {
            await WriteAsync(context, ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "request body too large" : ex.Message);
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            LogUnhandled(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Herald.Server.Api"), context.Request.Method, context.Request.Path, ex);
            await WriteAsync(context, StatusCodes.Status500InternalServerError, "internal error");
            return;
        }

        if (context.Response is { StatusCode: >= 400, HasStarted: false } response && response.ContentLength is null or 0
            && response.ContentType is null)
        {
            var reason = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(response.StatusCode);
            await WriteAsync(context, response.StatusCode, response.StatusCode == 404 ? "not found" : reason.ToLowerInvariant());
        }
    }

    private static async Task WriteAsync(HttpContext context, int statusCode, string message)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = statusCode;
        await context.Response.WriteAsJsonAsync(new ErrorResponse(message), HeraldJson.Context.ErrorResponse, cancellationToken: context.RequestAborted);
    }

    [LoggerMessage(HeraldEventIds.ApiRequestFailed, LogLevel.Error, "{Method} {Path} failed")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception exception);
}
