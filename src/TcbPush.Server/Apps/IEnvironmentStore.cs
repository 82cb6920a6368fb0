namespace TcbPush.Server.Apps;

internal interface IEnvironmentStore
{
    Task<EnvironmentRecord?> FindAsync(string env);

    Task<IReadOnlyList<EnvironmentRecord>> ListAsync();

    /// <summary>Creates or replaces the environment; returns true when anything changed.</summary>
    Task<bool> UpsertAsync(EnvironmentRecord environment);

    Task<bool> DeleteAsync(string env);
}
