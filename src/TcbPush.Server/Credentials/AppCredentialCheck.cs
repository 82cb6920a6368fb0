using TcbPush.Protocol;
using TcbPush.Server.Secrets;
using TcbPush.Server.Apps;

namespace TcbPush.Server.Credentials;

/// <summary>The appid/secret/grant_type checks shared by <c>/cgi-bin/token</c> and <c>/cgi-bin/stable_token</c>.</summary>
internal sealed class AppCredentialCheck(IAppStore apps)
{
    public async Task<WeChatError?> CheckAsync(string? grantType, string? appId, string? secret)
    {
        if (string.IsNullOrEmpty(appId))
        {
            return new WeChatError(ErrCode.AppIdMissing);
        }
        if (string.IsNullOrEmpty(secret))
        {
            return new WeChatError(ErrCode.AppSecretMissing);
        }
        if (grantType != "client_credential")
        {
            return new WeChatError(ErrCode.InvalidGrantType);
        }
        if (await apps.FindAsync(appId) is not { } app)
        {
            return new WeChatError(ErrCode.InvalidAppId);
        }
        return SecretHash.Verify(app.SecretHash, secret) ? null : new WeChatError(ErrCode.InvalidAppSecret);
    }
}
