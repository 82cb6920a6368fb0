namespace TcbPush.Server.Apps;

internal interface IAppStore
{
    Task<AppRecord?> FindAsync(string appId);

    Task<IReadOnlyList<AppRecord>> ListAsync();

    /// <summary>Creates or replaces the app; returns true when anything changed.</summary>
    Task<bool> UpsertAsync(AppRecord app);

    Task<bool> DeleteAsync(string appId);
}
