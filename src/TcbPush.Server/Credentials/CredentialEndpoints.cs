using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TcbPush.Protocol;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Credentials;

/// <summary><c>/cgi-bin/token</c> and <c>/cgi-bin/stable_token</c>.</summary>
internal static class CredentialEndpoints
{
    public static IEndpointRouteBuilder MapCredentials(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/cgi-bin/token", [HttpMethods.Get, HttpMethods.Post], GetTokenAsync);
        routes.Map("/cgi-bin/stable_token", GetStableTokenAsync);
        return routes;
    }

    private static async Task<IResult> GetTokenAsync(HttpContext context, AppCredentialCheck credentials, TokenService tokens)
    {
        var query = context.Request.Query;
        var appId = query["appid"].ToString();
        if (await credentials.CheckAsync(query["grant_type"], appId, query["secret"]) is { } refused)
        {
            return WeChatResponse.Error(refused);
        }
        var issued = await tokens.IssueForAppAsync(appId);
        return issued.Error is { } removed ? WeChatResponse.Error(removed) : TokenResponse(issued.Value);
    }

    private static async Task<IResult> GetStableTokenAsync(HttpContext context, RequestBody body, AppCredentialCheck credentials, TokenService tokens)
    {
        var post = await body.ReadPostAsync(context);
        if (post.Error is { } bad)
        {
            return WeChatResponse.Error(bad);
        }
        var root = post.Value;
        if (!TryReadString(root, "grant_type", out var grantType) || !TryReadString(root, "appid", out var appId) ||
            !TryReadString(root, "secret", out var secret))
        {
            return WeChatResponse.Error(ErrCode.InvalidArgs, "grant_type, appid and secret must be strings");
        }
        var force = false;
        if (root.TryGet("force_refresh", out var forceElement) && forceElement.ValueKind != JsonValueKind.Null)
        {
            if (forceElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return WeChatResponse.Error(ErrCode.InvalidArgs, "force_refresh must be a boolean");
            }
            force = forceElement.GetBoolean();
        }
        if (await credentials.CheckAsync(grantType, appId, secret) is { } refused)
        {
            return WeChatResponse.Error(refused);
        }
        var stable = await tokens.StableAsync(appId!, force);
        return stable.Error is { } limited ? WeChatResponse.Error(limited) : TokenResponse(stable.Value);
    }

    /// <summary>Reads an optional string field; false when present with another type.</summary>
    private static bool TryReadString(JsonElement root, string name, out string? value)
    {
        value = null;
        if (!root.TryGet(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        value = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        return element.ValueKind == JsonValueKind.String;
    }

    // WeChat's token responses carry no errcode/errmsg on success.
    private static IResult TokenResponse(IssuedToken issued) => Results.Text(
        JsonSerializer.Serialize(new AccessTokenResponse(issued.Token, issued.ExpiresIn), ProtocolJson.Default.AccessTokenResponse),
        WeChatResponse.ContentType);
}
