using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
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

    private static async Task<IResult> ListComponentsAsync(IComponentStore components)
    {
        var all = await components.ListAsync();
        return WeChatResponse.Ok(json =>
        {
            json.WriteStartArray("components");
            foreach (var component in all)
            {
                json.WriteStartObject();
                json.WriteString("component_appid", component.ComponentAppId);
                json.WriteNumber("ticket_received_at", component.TicketReceivedAt.ToUnixTimeSeconds());
                json.WriteNumber("ticket_expires_at", (component.TicketReceivedAt + ComponentPolicy.TicketLifetime).ToUnixTimeSeconds());
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
    }

    private static async Task<IResult> RegisterComponentAsync(HttpContext context, RequestBody body, ComponentRegistry registry)
    {
        var read = await AdminBody.ReadAsync(context, body, ComponentAdminJson.Default.ComponentRegistration);
        return read.Error is { } bad ? WeChatResponse.Error(bad) : WeChatResponse.Changed(await registry.RegisterComponentAsync(read.Value));
    }

    private static async Task<IResult> ReceiveTicketAsync(string componentAppId, HttpContext context, RequestBody body, ComponentRegistry registry)
    {
        var read = await AdminBody.ReadAsync(context, body, ComponentAdminJson.Default.TicketRegistration);
        return read.Error is { } bad ? WeChatResponse.Error(bad) : WeChatResponse.Changed(await registry.ReceiveTicketAsync(componentAppId, read.Value));
    }

    private static async Task<IResult> ListAuthorizationsAsync(IAuthorizationStore authorizations)
    {
        var all = await authorizations.ListAsync();
        return WeChatResponse.Ok(json =>
        {
            json.WriteStartArray("authorizations");
            foreach (var authorization in all)
            {
                json.WriteStartObject();
                json.WriteString("component_appid", authorization.ComponentAppId);
                json.WriteString("authorizer_appid", authorization.AuthorizerAppId);
                json.WriteStartArray("permission_sets");
                foreach (var id in authorization.PermissionSets)
                {
                    json.WriteNumberValue(id);
                }
                json.WriteEndArray();
                json.WriteNumber("granted_at", authorization.GrantedAt.ToUnixTimeSeconds());
                if (authorization.RevokedAt is { } revokedAt)
                {
                    json.WriteNumber("revoked_at", revokedAt.ToUnixTimeSeconds());
                }
                else
                {
                    json.WriteNull("revoked_at");
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
    }

    private static async Task<IResult> GrantAsync(HttpContext context, RequestBody body, ComponentRegistry registry)
    {
        var read = await AdminBody.ReadAsync(context, body, ComponentAdminJson.Default.AuthorizationRegistration);
        if (read.Error is { } bad)
        {
            return WeChatResponse.Error(bad);
        }
        var granted = await registry.GrantAsync(read.Value);
        return granted.Error is { } refused
            ? WeChatResponse.Error(refused)
            : WeChatResponse.Ok(json =>
            {
                json.WriteBoolean("changed", granted.Value.Changed);
                json.WriteString("authorizer_refresh_token", granted.Value.RefreshToken);
            });
    }

    private static async Task<IResult> RevokeAsync(string componentAppId, string authorizerAppId, ComponentRegistry registry) =>
        WeChatResponse.Changed(await registry.RevokeAsync(componentAppId, authorizerAppId));

    private static async Task<IResult> CreateCodeAsync(HttpContext context, RequestBody body, ComponentRegistry registry)
    {
        var read = await AdminBody.ReadAsync(context, body, ComponentAdminJson.Default.AuthorizationCodeRequest);
        if (read.Error is { } bad)
        {
            return WeChatResponse.Error(bad);
        }
        var code = await registry.CreateCodeAsync(read.Value);
        return code.Error is { } refused
            ? WeChatResponse.Error(refused)
            : WeChatResponse.Ok(json =>
            {
                json.WriteString("authorization_code", code.Value);
                json.WriteNumber("expires_in", (int)ComponentPolicy.AuthorizationCodeLifetime.TotalSeconds);
            });
    }
}
