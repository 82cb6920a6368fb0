using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TcbPush.Server.Console;

/// <summary>
/// Serves the web console at <c>/console</c>: its assets from the assembly, the session gate (every page but the
/// sign-in needs a console session), anti-forgery on every form, and the Razor pages.
/// </summary>
internal static class ConsoleEndpoints
{
    public static WebApplication MapConsole(this WebApplication app)
    {
        app.Use(RequireSessionAsync);
        app.UseAntiforgery();
        app.MapGet(ConsolePaths.Assets + "/{name}", ConsoleAssets.Serve);
        app.MapRazorComponents<App>();
        return app;
    }

    private static async Task RequireSessionAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments(ConsolePaths.Root) && !path.StartsWithSegments(ConsolePaths.SignIn) &&
            !path.StartsWithSegments(ConsolePaths.Assets))
        {
            var session = await context.AuthenticateAsync(ConsoleSessions.Scheme);
            if (!session.Succeeded)
            {
                context.Response.Redirect(ConsolePaths.SignIn);
                return;
            }
            context.User = session.Principal;
        }
        await next(context);
    }
}
