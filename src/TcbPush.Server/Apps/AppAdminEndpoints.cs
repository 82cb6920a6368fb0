using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TcbPush.Protocol.Admin;
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

    private static async Task<IResult> ListAppsAsync(IAppStore apps) =>
        WeChatResponse.Ok(new AppList([.. (await apps.ListAsync()).Select(app =>
            new AppInfo(app.AppId, app.MessageToken is not null, app.EncodingAesKey is not null, app.Kind))]), AdminJson.Default.AppList);

    private static async Task<IResult> RegisterAppAsync(HttpContext context, RequestBody body, AppRegistry registry)
    {
        var read = await AdminBody.ReadAsync(context, body, AdminJson.Default.AppRegistration);
        if (read.Error is { } bad)
        {
            return WeChatResponse.Error(bad);
        }
        return WeChatResponse.Changed(await registry.RegisterAppAsync(read.Value));
    }

    private static async Task<IResult> RemoveAppAsync(string appid, AppRegistry registry) =>
        WeChatResponse.Changed(await registry.RemoveAppAsync(appid));

    private static async Task<IResult> ListEnvironmentsAsync(IEnvironmentStore environments) =>
        WeChatResponse.Ok(new EnvironmentList([.. (await environments.ListAsync()).Select(env =>
            new EnvironmentInfo(env.Env, env.ContainerBaseUrl, env.FunctionBaseUrl))]), AdminJson.Default.EnvironmentList);

    private static async Task<IResult> RegisterEnvironmentAsync(HttpContext context, RequestBody body, AppRegistry registry)
    {
        var read = await AdminBody.ReadAsync(context, body, AdminJson.Default.EnvironmentRegistration);
        if (read.Error is { } bad)
        {
            return WeChatResponse.Error(bad);
        }
        return WeChatResponse.Changed(await registry.RegisterEnvironmentAsync(read.Value));
    }

    private static async Task<IResult> RemoveEnvironmentAsync(string env, IEnvironmentStore environments) =>
        WeChatResponse.Changed(await environments.DeleteAsync(env));
}
