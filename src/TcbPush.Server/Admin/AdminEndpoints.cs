using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TcbPush.Protocol;
using TcbPush.Server.Hosting;
using TcbPush.Server.Push;
using TcbPush.Server.Storage;

namespace TcbPush.Server.Admin;

/// <summary>
/// TcbPush's own admin API under <c>/admin/</c>, behind the admin key (HTTP 401 without it). Answers use the
/// WeChat envelope so that one client error type serves both surfaces.
/// </summary>
internal static class AdminEndpoints
{
    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/admin").AddEndpointFilter(RequireAdminKeyAsync);
        admin.MapGet("/apps", ListAppsAsync);
        admin.MapPost("/apps", RegisterAppAsync);
        admin.MapDelete("/apps/{appid}", RemoveAppAsync);
        admin.MapGet("/envs", ListEnvironmentsAsync);
        admin.MapPost("/envs", RegisterEnvironmentAsync);
        admin.MapDelete("/envs/{env}", RemoveEnvironmentAsync);
        admin.MapPushAdmin();
        return admin;
    }

    private static async ValueTask<object?> RequireAdminKeyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var key = context.HttpContext.RequestServices.GetRequiredService<AdminKey>();
        if (!key.Accepts(context.HttpContext.Request.Headers.Authorization))
        {
            return Results.Json(new { error = "admin key required: Authorization: Bearer <admin key>" }, statusCode: StatusCodes.Status401Unauthorized);
        }
        return await next(context);
    }

    private static async Task<IResult> ListAppsAsync(IAppStore apps)
    {
        var all = await apps.ListAsync();
        return WeChatResponse.Ok(json =>
        {
            json.WriteStartArray("apps");
            foreach (var app in all)
            {
                json.WriteStartObject();
                json.WriteString("appid", app.AppId);
                json.WriteBoolean("has_token", app.MessageToken is not null);
                json.WriteBoolean("has_encoding_aes_key", app.EncodingAesKey is not null);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
    }

    private static async Task<IResult> RegisterAppAsync(HttpContext context, RequestBody body, Registry registry)
    {
        var read = await AdminBody.ReadAsync(context, body, AdminJson.Default.AppRegistration);
        if (read.Error is { } bad)
        {
            return WeChatResponse.Error(bad);
        }
        return Changed(await registry.RegisterAppAsync(read.Value));
    }

    private static async Task<IResult> RemoveAppAsync(string appid, Registry registry) =>
        Changed(await registry.RemoveAppAsync(appid));

    private static async Task<IResult> ListEnvironmentsAsync(IEnvironmentStore environments)
    {
        var all = await environments.ListAsync();
        return WeChatResponse.Ok(json =>
        {
            json.WriteStartArray("envs");
            foreach (var env in all)
            {
                json.WriteStartObject();
                json.WriteString("env", env.Env);
                json.WriteString("container_base_url", env.ContainerBaseUrl);
                json.WriteString("function_base_url", env.FunctionBaseUrl);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
    }

    private static async Task<IResult> RegisterEnvironmentAsync(HttpContext context, RequestBody body, Registry registry)
    {
        var read = await AdminBody.ReadAsync(context, body, AdminJson.Default.EnvironmentRegistration);
        if (read.Error is { } bad)
        {
            return WeChatResponse.Error(bad);
        }
        return Changed(await registry.RegisterEnvironmentAsync(read.Value));
    }

    private static async Task<IResult> RemoveEnvironmentAsync(string env, IEnvironmentStore environments) =>
        Changed(await environments.DeleteAsync(env));

    internal static IResult Changed(Result<bool> result) =>
        result.Error is { } error ? WeChatResponse.Error(error) : WeChatResponse.Ok(json => json.WriteBoolean("changed", result.Value));
}
