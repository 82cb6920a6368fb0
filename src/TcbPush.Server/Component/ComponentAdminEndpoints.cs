using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TcbPush.Protocol.Admin;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Component;

/// <summary>
/// The admin API for components, authorizations and authorization codes, mapped into the <c>/admin</c> group (so
/// behind the admin key). Lists never show secrets, tickets or refresh tokens; times are Unix seconds.
/// </summary>
internal static class ComponentAdminEndpoints
{
    public static RouteGroupBuilder MapComponentAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/components", ListComponentsAsync);
        admin.MapPost("/components", RegisterComponentAsync);
        admin.MapPost("/components/{componentAppId}/ticket", ReceiveTicketAsync);
        admin.MapGet("/authorizations", ListAuthorizationsAsync);
        admin.MapPost("/authorizations", GrantAsync);
        admin.MapDelete("/authorizations/{componentAppId}/{authorizerAppId}", RevokeAsync);
        admin.MapPost("/authorization_codes", CreateCodeAsync);
        return admin;
    }

    private static async Task<IResult> ListComponentsAsync(IComponentStore components) =>
        WeChatResponse.Ok(new ComponentList([.. (await components.ListAsync()).Select(component =>
            new ComponentInfo(component.ComponentAppId, component.TicketReceivedAt, component.TicketReceivedAt + ComponentPolicy.TicketLifetime))]),
            AdminJson.Default.ComponentList);

    private static async Task<IResult> RegisterComponentAsync(HttpContext context, RequestBody body, ComponentRegistry registry)
    {
        var read = await AdminBody.ReadAsync(context, body, AdminJson.Default.ComponentRegistration);
        return read.Error is { } bad ? WeChatResponse.Error(bad) : WeChatResponse.Changed(await registry.RegisterComponentAsync(read.Value));
    }

    private static async Task<IResult> ReceiveTicketAsync(string componentAppId, HttpContext context, RequestBody body, ComponentRegistry registry)
    {
        var read = await AdminBody.ReadAsync(context, body, AdminJson.Default.TicketRegistration);
        return read.Error is { } bad ? WeChatResponse.Error(bad) : WeChatResponse.Changed(await registry.ReceiveTicketAsync(componentAppId, read.Value));
    }

    private static async Task<IResult> ListAuthorizationsAsync(IAuthorizationStore authorizations) =>
        WeChatResponse.Ok(new ComponentAuthorizationList([.. (await authorizations.ListAsync()).Select(authorization =>
            new ComponentAuthorizationInfo(authorization.ComponentAppId, authorization.AuthorizerAppId, authorization.PermissionSets,
                authorization.GrantedAt, authorization.RevokedAt))]), AdminJson.Default.ComponentAuthorizationList);

    private static async Task<IResult> GrantAsync(HttpContext context, RequestBody body, ComponentRegistry registry)
    {
        var read = await AdminBody.ReadAsync(context, body, AdminJson.Default.AuthorizationRegistration);
        if (read.Error is { } bad)
        {
            return WeChatResponse.Error(bad);
        }
        var granted = await registry.GrantAsync(read.Value);
        return granted.Error is { } refused
            ? WeChatResponse.Error(refused)
            : WeChatResponse.Ok(new AuthorizationGranted(granted.Value.Changed, granted.Value.RefreshToken), AdminJson.Default.AuthorizationGranted);
    }

    private static async Task<IResult> RevokeAsync(string componentAppId, string authorizerAppId, ComponentRegistry registry) =>
        WeChatResponse.Changed(await registry.RevokeAsync(componentAppId, authorizerAppId));

    private static async Task<IResult> CreateCodeAsync(HttpContext context, RequestBody body, ComponentRegistry registry)
    {
        var read = await AdminBody.ReadAsync(context, body, AdminJson.Default.AuthorizationCodeRequest);
        if (read.Error is { } bad)
        {
            return WeChatResponse.Error(bad);
        }
        var code = await registry.CreateCodeAsync(read.Value);
        return code.Error is { } refused
            ? WeChatResponse.Error(refused)
            : WeChatResponse.Ok(new AuthorizationCodeResponse(code.Value, (int)ComponentPolicy.AuthorizationCodeLifetime.TotalSeconds),
                AdminJson.Default.AuthorizationCodeResponse);
    }
}
