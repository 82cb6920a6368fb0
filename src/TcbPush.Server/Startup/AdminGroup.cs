using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TcbPush.Server.Apps;
using TcbPush.Server.Component;
using TcbPush.Server.Conversations;
using TcbPush.Server.Push.Admin;
using TcbPush.Server.Secrets;
using TcbPush.Server.Seed;

namespace TcbPush.Server.Startup;

/// <summary>
/// TcbPush's own admin API under <c>/admin/</c>: one route group behind the admin key (HTTP 401 without it), into
/// which each feature maps its admin routes.
/// </summary>
internal static class AdminGroup
{
    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/admin").AddEndpointFilter(RequireAdminKeyAsync);
        admin.MapAppAdmin();
        admin.MapComponentAdmin();
        admin.MapPushAdmin();
        admin.MapConversationsAdmin();
        admin.MapSeedAdmin();
        admin.MapGet("/status", ServerStatus.GetAsync);
        admin.MapPost("/reset", ServerReset.PostAsync);
        return admin;
    }

    private static async ValueTask<object?> RequireAdminKeyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var key = context.HttpContext.RequestServices.GetRequiredService<AdminKey>();
        var given = context.HttpContext.Request.Headers.Authorization;
        if (!key.Accepts(given))
        {
            return Results.Json(new { error = string.IsNullOrEmpty(given)
                ? "admin key required: Authorization: Bearer <admin key>"
                : "admin key rejected: the key given is not this server's admin key" }, statusCode: StatusCodes.Status401Unauthorized);
        }
        return await next(context);
    }
}
