using TcbPush.Server.Apps;

namespace TcbPush.Server.Component;

/// <summary>A removed app's authorizations end with it, and so do the authorizer tokens issued for it.</summary>
internal sealed class AuthorizerRevocation(ComponentRegistry registry) : IAppRemovalListener
{
    public Task OnAppRemovedAsync(string appId) => registry.RevokeAllOfAuthorizerAsync(appId);
}
