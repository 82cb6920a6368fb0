using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Apps;

/// <summary>
/// The admin API for apps and environments, mapped into the <c>/admin</c> group (so behind the admin key). Answers
/// use the WeChat envelope so that one client error type serves both surfaces.
/// </summary>
internal static class AppAdminEndpoints
{
    public static RouteGroupBuilder MapAppAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/apps", ListAppsAsync);
        admin.MapPost("/apps", RegisterAppAsync);
        admin.MapDelete("/apps/{appid}", RemoveAppAsync);
        admin.MapGet("/envs", ListEnvironmentsAsync);
        admin.MapPost("/envs", RegisterEnvironmentAsync);
        admin.MapDelete("/envs/{env}", RemoveEnvironmentAsync);
        return admin;
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
                json.WriteString("kind", app.Kind);
                json.WriteBoolean("has_token", app.MessageToken is not null);
                json.WriteBoolean("has_encoding_aes_key", app.EncodingAesKey is not null);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
    }

    private static async Task<IResult> RegisterAppAsync(HttpContext context, RequestBody body, AppRegistry registry)
    {
        var read = await AdminBody.ReadAsync(context, body, AppAdminJson.Default.AppRegistration);
        if (read.Error is { } bad)
        {
            return WeChatResponse.Error(bad);
        }
        return WeChatResponse.Changed(await registry.RegisterAppAsync(read.Value));
    }

    private static async Task<IResult> RemoveAppAsync(string appid, AppRegistry registry) =>
        WeChatResponse.Changed(await registry.RemoveAppAsync(appid));

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

    private static async Task<IResult> RegisterEnvironmentAsync(HttpContext context, RequestBody body, AppRegistry registry)
    {
        var read = await AdminBody.ReadAsync(context, body, AppAdminJson.Default.EnvironmentRegistration);
        if (read.Error is { } bad)
        {
            return WeChatResponse.Error(bad);
        }
        return WeChatResponse.Changed(await registry.RegisterEnvironmentAsync(read.Value));
    }

    private static async Task<IResult> RemoveEnvironmentAsync(string env, IEnvironmentStore environments) =>
        WeChatResponse.Changed(await environments.DeleteAsync(env));
}
