using TcbPush.Protocol;
using TcbPush.Protocol.Admin;
using TcbPush.Server.Apps;
using TcbPush.Server.Secrets;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Component;

/// <summary>
/// Validates and stores components, their verify tickets, authorizations and authorization codes for the admin API
/// and the seed file alike. The authorizer of an authorization must be a registered app: it is the app whose
/// configuration the authorizer token changes.
/// </summary>
internal sealed class ComponentRegistry(
    IComponentStore components, IAuthorizationStore authorizations, IAppStore apps, SecretDigest digest, AuthorizerAccess access, TimeProvider time)
{
    private const int MaxOpaqueLength = 512;

    /// <summary>Registers or updates a component; its ticket counts as received now. Unchanged secret and ticket: no change.</summary>
    public async Task<Result<bool>> RegisterComponentAsync(ComponentRegistration component)
    {
        if (string.IsNullOrEmpty(component.ComponentAppId) || string.IsNullOrEmpty(component.ComponentAppSecret) ||
            string.IsNullOrEmpty(component.ComponentVerifyTicket))
        {
            return new WeChatError(ErrCode.MissingParameter, "component_appid, component_appsecret and component_verify_ticket are required");
        }
        if (!AppIds.IsAppId(component.ComponentAppId))
        {
            return new WeChatError(ErrCode.InvalidArgs, "component_appid: 1-32 characters of A-Z, a-z, 0-9, _ and -");
        }
        if (component.ComponentAppSecret.Length > 128)
        {
            return new WeChatError(ErrCode.InvalidArgs, "component_appsecret: at most 128 characters");
        }
        if (!IsOpaque(component.ComponentVerifyTicket))
        {
            return OpaqueError("component_verify_ticket");
        }
        var existing = await components.FindAsync(component.ComponentAppId);
        return await components.UpsertAsync(new ComponentRecord(component.ComponentAppId,
            SecretHash.HashOrKeep(existing?.SecretHash, component.ComponentAppSecret), digest.Of(component.ComponentVerifyTicket), time.GetUtcNow()));
    }

    /// <summary>
    /// Registers or updates an exported component (a seed's <c>component_appsecret_hash</c> and
    /// <c>component_verify_ticket_digest</c>): secret and ticket given in stored form; its ticket counts as received now.
    /// </summary>
    public async Task<Result<bool>> RestoreComponentAsync(string? componentAppId, byte[] secretHash, byte[] ticketDigest)
    {
        if (string.IsNullOrEmpty(componentAppId) || !AppIds.IsAppId(componentAppId))
        {
            return new WeChatError(ErrCode.InvalidArgs, "component_appid: 1-32 characters of A-Z, a-z, 0-9, _ and -");
        }
        if (!SecretHash.IsWellFormed(secretHash))
        {
            return new WeChatError(ErrCode.InvalidArgs, "component_appsecret_hash: not a TcbPush secret hash");
        }
        if (!SecretDigest.IsWellFormed(ticketDigest))
        {
            return new WeChatError(ErrCode.InvalidArgs, "component_verify_ticket_digest: not a TcbPush digest");
        }
        return await components.UpsertAsync(new ComponentRecord(componentAppId, secretHash, ticketDigest, time.GetUtcNow()));
    }

    /// <summary>Records a newly received verify ticket (61011 for an unknown component).</summary>
    public async Task<Result<bool>> ReceiveTicketAsync(string componentAppId, TicketRegistration ticket)
    {
        if (string.IsNullOrEmpty(ticket.ComponentVerifyTicket))
        {
            return new WeChatError(ErrCode.MissingParameter, "component_verify_ticket is required");
        }
        if (!IsOpaque(ticket.ComponentVerifyTicket))
        {
            return OpaqueError("component_verify_ticket");
        }
        return await components.ReceiveTicketAsync(componentAppId, digest.Of(ticket.ComponentVerifyTicket), time.GetUtcNow())
            ? true
            : new WeChatError(ErrCode.InvalidComponent);
    }

    /// <summary>
    /// Grants or re-grants an authorization with the given refresh token, or a new one; either way the previous
    /// refresh token stops working. Declaring a standing authorization again, unchanged, changes nothing.
    /// </summary>
    public async Task<Result<AuthorizationGrant>> GrantAsync(AuthorizationRegistration authorization)
    {
        var sets = await CheckAsync(authorization.ComponentAppId, authorization.AuthorizerAppId, authorization.PermissionSets);
        if (sets.Error is { } invalid)
        {
            return invalid;
        }
        var refreshToken = authorization.AuthorizerRefreshToken;
        if (string.IsNullOrEmpty(refreshToken))
        {
            refreshToken = OpaqueCode.New(OpaqueCode.RefreshToken);
        }
        else if (!IsOpaque(refreshToken))
        {
            return OpaqueError("authorizer_refresh_token");
        }
        var changed = await authorizations.GrantAsync(new AuthorizationRecord(authorization.ComponentAppId!, authorization.AuthorizerAppId!,
            sets.Value, digest.Of(refreshToken), time.GetUtcNow(), RevokedAt: null));
        access.Forget(authorization.ComponentAppId!, authorization.AuthorizerAppId!);
        return new AuthorizationGrant(refreshToken, changed);
    }

    /// <summary>
    /// Grants or re-grants an exported authorization (a seed's <c>authorizer_refresh_token_digest</c>): the refresh
    /// token is given as its digest. Declaring a standing authorization again, unchanged, changes nothing.
    /// </summary>
    public async Task<Result<bool>> RestoreGrantAsync(AuthorizationRegistration authorization, byte[] refreshTokenDigest)
    {
        var sets = await CheckAsync(authorization.ComponentAppId, authorization.AuthorizerAppId, authorization.PermissionSets);
        if (sets.Error is { } invalid)
        {
            return invalid;
        }
        if (!SecretDigest.IsWellFormed(refreshTokenDigest))
        {
            return new WeChatError(ErrCode.InvalidArgs, "authorizer_refresh_token_digest: not a TcbPush digest");
        }
        var changed = await authorizations.GrantAsync(new AuthorizationRecord(authorization.ComponentAppId!, authorization.AuthorizerAppId!,
            sets.Value, refreshTokenDigest, time.GetUtcNow(), RevokedAt: null));
        access.Forget(authorization.ComponentAppId!, authorization.AuthorizerAppId!);
        return changed;
    }

    /// <summary>Revokes a standing authorization: its tokens answer 61003 at once, its refresh token too.</summary>
    public async Task<bool> RevokeAsync(string componentAppId, string authorizerAppId)
    {
        var revoked = await authorizations.RevokeAsync(componentAppId, authorizerAppId, time.GetUtcNow());
        access.Forget(componentAppId, authorizerAppId);
        return revoked;
    }

    /// <summary>Revokes every standing authorization of an app (when the app itself is removed).</summary>
    public async Task RevokeAllOfAuthorizerAsync(string authorizerAppId)
    {
        foreach (var authorization in (await authorizations.ListAsync()).Where(a => a.AuthorizerAppId == authorizerAppId && a.IsActive))
        {
            await RevokeAsync(authorization.ComponentAppId, authorizerAppId);
        }
    }

    /// <summary>A new authorization code for <c>api_query_auth</c>, usable once within 10 minutes.</summary>
    public async Task<Result<string>> CreateCodeAsync(AuthorizationCodeRequest request)
    {
        var sets = await CheckAsync(request.ComponentAppId, request.AuthorizerAppId, request.PermissionSets);
        if (sets.Error is { } invalid)
        {
            return invalid;
        }
        var code = OpaqueCode.New(OpaqueCode.AuthorizationCode);
        var now = time.GetUtcNow();
        await authorizations.AddCodeAsync(new AuthorizationCode(digest.Of(code), request.ComponentAppId!, request.AuthorizerAppId!,
            sets.Value, now + ComponentPolicy.AuthorizationCodeLifetime), now);
        return code;
    }

    /// <summary>The checks shared by grants and codes; the permission sets, sorted and distinct.</summary>
    private async Task<Result<IReadOnlyList<int>>> CheckAsync(string? componentAppId, string? authorizerAppId, IReadOnlyList<int>? permissionSets)
    {
        if (string.IsNullOrEmpty(componentAppId) || string.IsNullOrEmpty(authorizerAppId) || permissionSets is null)
        {
            return new WeChatError(ErrCode.MissingParameter, "component_appid, authorizer_appid and permission_sets are required");
        }
        if (!AppIds.IsAppId(componentAppId) || !AppIds.IsAppId(authorizerAppId))
        {
            return new WeChatError(ErrCode.InvalidArgs, "component_appid and authorizer_appid: 1-32 characters of A-Z, a-z, 0-9, _ and -");
        }
        if (permissionSets.Count == 0 || permissionSets.Any(id => id <= 0))
        {
            return new WeChatError(ErrCode.InvalidArgs, "permission_sets: one or more positive integers");
        }
        if (await components.FindAsync(componentAppId) is null)
        {
            return new WeChatError(ErrCode.InvalidComponent, componentAppId);
        }
        if (await apps.FindAsync(authorizerAppId) is null)
        {
            return new WeChatError(ErrCode.InvalidAppId, "authorizer_appid must be a registered app");
        }
        return permissionSets.Distinct().Order().ToArray();
    }

    // Tickets and refresh tokens travel in JSON bodies: any visible ASCII, as WeChat's own ("ticket@@@…").
    private static bool IsOpaque(string value) => value.Length <= MaxOpaqueLength && value.All(c => c is > ' ' and <= '~');

    private static WeChatError OpaqueError(string field) =>
        new(ErrCode.InvalidArgs, $"{field}: 1-{MaxOpaqueLength} visible ASCII characters");
}

/// <summary>A granted authorization's refresh token (shown this once; only its digest is kept) and whether anything changed.</summary>
internal sealed record AuthorizationGrant(string RefreshToken, bool Changed);
