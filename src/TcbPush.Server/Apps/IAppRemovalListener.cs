namespace TcbPush.Server.Apps;

/// <summary>A feature that keeps state of an app's own (tokens, authorizations) and ends it when the app is removed.</summary>
internal interface IAppRemovalListener
{
    Task OnAppRemovedAsync(string appId);
}
