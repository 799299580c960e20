using Herald.Server.Auth;

namespace Herald.Server.Api;

/// <summary>Maps the whole API.</summary>
internal static class HeraldApi
{
    public static WebApplication MapHeraldApi(this WebApplication app)
    {
        app.UseTenantAuthentication();
        app.MapGet("/health", () => Results.Text("{\"status\":\"ok\"}", "application/json")).WithName("Health");
        app.MapPublishApi();
        app.MapMessagesApi();
        app.MapDlqApi();
        app.MapLogsApi();
        app.MapKeysApi();
        app.MapBatchApi();
        app.MapUrlGroupsApi();
        app.MapQueuesApi();
        app.MapFlowControlApi();
        app.MapSchedulesApi();
        return app;
    }
}
