using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TcbPush.Server.Hosting;
using TcbPush.Server.Storage.Sqlite;

namespace TcbPush.Server.Storage;

internal static class StorageRegistration
{
    /// <summary>Registers the stores of the backend chosen by <c>--storage</c>.</summary>
    public static IServiceCollection AddTcbPushStorage(this IServiceCollection services, TcbPushOptions options)
    {
        if (!string.Equals(options.Storage, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"--storage {options.Storage} is not available in this build; use sqlite");
        }
        services.AddSingleton(provider => SqliteDatabase.Open(options.DataDirectory,
            provider.GetRequiredService<ILoggerFactory>().CreateLogger("TcbPush.Storage")));
        services.AddSingleton<IStorageBackend>(provider => provider.GetRequiredService<SqliteDatabase>());
        services.AddSingleton<IAppStore, SqliteAppStore>();
        services.AddSingleton<IEnvironmentStore, SqliteEnvironmentStore>();
        services.AddSingleton<ICallbackConfigStore, SqliteCallbackConfigStore>();
        services.AddSingleton<IPushStore, SqlitePushStore>();
        services.AddSingleton<ITokenStore, SqliteTokenStore>();
        services.AddSingleton<IComponentStore, SqliteComponentStore>();
        services.AddSingleton<IAuthorizationStore, SqliteAuthorizationStore>();
        return services;
    }
}
