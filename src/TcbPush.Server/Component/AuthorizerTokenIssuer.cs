using TcbPush.Protocol;
using TcbPush.Server.Credentials;
using TcbPush.Server.Secrets;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Component;

/// <summary>
/// Issues authorizer tokens: for an authorization code (<c>api_query_auth</c>, which grants the authorization and
/// gives it a new refresh token) and for a refresh token (<c>api_authorizer_token</c>). An authorizer token's subject
/// is <c>component|authorizer</c>, so it acts for exactly one app on behalf of exactly one component.
/// </summary>
internal sealed class AuthorizerTokenIssuer(
    IAuthorizationStore authorizations, SecretDigest digest, TokenService tokens, AuthorizerAccess access, TimeProvider time)
{
    /// <summary>Redeems a code once (61010 when unknown, used, expired or another component's).</summary>
    public async Task<Result<AuthorizationInfo>> RedeemAsync(string componentAppId, string authorizationCode)
    {
        var refreshToken = OpaqueCode.New(OpaqueCode.RefreshToken);
        var granted = await authorizations.RedeemCodeAsync(componentAppId, digest.Of(authorizationCode), digest.Of(refreshToken), time.GetUtcNow());
        if (granted is null)
        {
            return new WeChatError(ErrCode.InvalidAuthorizationCode);
        }
        access.Forget(componentAppId, granted.AuthorizerAppId);
        var issued = await IssueAsync(componentAppId, granted.AuthorizerAppId);
        return new AuthorizationInfo(granted.AuthorizerAppId, issued.Token, issued.ExpiresIn, refreshToken,
            granted.PermissionSets.Select(id => new FuncInfo(new FuncScopeCategory(id))).ToList());
    }

    /// <summary>
    /// A new token for a standing authorization (61003 when absent or revoked) and its current refresh token
    /// (61023 for any other); the refresh token stays the same until the authorization is granted again.
    /// </summary>
    public async Task<Result<AuthorizerTokenResponse>> RefreshAsync(string componentAppId, string authorizerAppId, string refreshToken)
    {
        var authorization = await authorizations.FindAsync(componentAppId, authorizerAppId);
        if (authorization is not { IsActive: true })
        {
            return new WeChatError(ErrCode.ComponentNotAuthorized);
        }
        if (!digest.Matches(authorization.RefreshTokenDigest, refreshToken))
        {
            return new WeChatError(ErrCode.InvalidRefreshToken);
        }
        var issued = await IssueAsync(componentAppId, authorizerAppId);
        return new AuthorizerTokenResponse(issued.Token, issued.ExpiresIn, refreshToken);
    }

    private Task<IssuedToken> IssueAsync(string componentAppId, string authorizerAppId) =>
        tokens.IssueAsync(TokenKind.Authorizer, $"{componentAppId}|{authorizerAppId}");
}
