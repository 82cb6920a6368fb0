using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TcbPush.Server.Console;

/// <summary>
/// Serves the web console at <c>/console</c>: its assets from the assembly, the session gate (every page but the
/// sign-in needs a console session), anti-forgery on every form, the Razor pages, and the two
/// script endpoints of the live pages (a conversation's event stream, replaying the dead deliveries of a filter in batches).
/// </summary>
internal static class ConsoleEndpoints
{
    public static WebApplication MapConsole(this WebApplication app)
    {
        app.Use(RequireSession);
        app.UseAntiforgery();
        app.MapGet(ConsolePaths.Assets + "/{name}", ConsoleAssets.Serve);
        app.MapGet(ConsoleConversationEvents.Route, ConsoleConversationEvents.StreamAsync);
        app.MapPost(ConsoleReplayBatch.Route, ConsoleReplayBatch.ReplayAsync);
        app.MapRazorComponents<App>();
        return app;
    }

    private static Task RequireSession(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        return path.StartsWithSegments(ConsolePaths.Root) && !path.StartsWithSegments(ConsolePaths.SignIn) && !path.StartsWithSegments(ConsolePaths.Assets)
            ? RequireSessionAsync(context, next)
            : next(context);
    }

    private static async Task RequireSessionAsync(HttpContext context, RequestDelegate next)
    {
        var session = await context.AuthenticateAsync(ConsoleSessions.Scheme);
        if (!session.Succeeded)
        {
            context.Response.Redirect(ConsolePaths.SignIn);
            return;
        }
        context.User = session.Principal;
        await next(context);
    }
}
