using TcbPush.Server.Apps;

namespace TcbPush.Server.Credentials;

/// <summary>A removed app's tokens, plain, stable and cloud-call, stop working at once.</summary>
internal sealed class AppTokenRevocation(TokenService tokens) : IAppRemovalListener
{
    public async Task OnAppRemovedAsync(string appId)
    {
        await tokens.RevokeAllAsync(TokenKind.App, appId);
        await tokens.RevokeAllAsync(TokenKind.Stable, appId);
        await tokens.RevokeAllAsync(TokenKind.CloudCall, appId);
    }
}
