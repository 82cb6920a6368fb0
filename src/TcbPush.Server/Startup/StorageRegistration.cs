using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TcbPush.Server.Apps;
using TcbPush.Server.CallbackConfig;
using TcbPush.Server.Component;
using TcbPush.Server.Credentials;
using TcbPush.Server.Push;
using TcbPush.Server.Storage;
using TcbPush.Server.Storage.Postgres;
using TcbPush.Server.Storage.Sqlite;

namespace TcbPush.Server.Startup;

internal static class StorageRegistration
{
    /// <summary>Where <c>--storage postgres</c> finds its connection string when <c>--connection</c> is not given.</summary>
    public const string ConnectionEnvironmentVariable = "TCBPUSH_CONNECTION";

    /// <summary>Registers the stores of the backend chosen by <c>--storage</c>.</summary>
    public static IServiceCollection AddTcbPushStorage(this IServiceCollection services, TcbPushOptions options)
    {
        if (string.Equals(options.Storage, "postgres", StringComparison.OrdinalIgnoreCase))
        {
            return services.AddPostgresStorage(options);
        }
        if (!string.Equals(options.Storage, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"--storage {options.Storage} is not available; use sqlite or postgres");
        }
        services.AddSingleton(provider =>
        {
            var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("TcbPush.Storage");
            return options.InMemory ? SqliteDatabase.OpenInMemory(logger) : SqliteDatabase.Open(options.DataDirectory, logger);
        });
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

    private static IServiceCollection AddPostgresStorage(this IServiceCollection services, TcbPushOptions options)
    {
        var connectionString = options.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = Environment.GetEnvironmentVariable(ConnectionEnvironmentVariable);
        }
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException($"--storage postgres needs --connection (or {ConnectionEnvironmentVariable})");
        }
        services.AddSingleton(provider => PostgresDatabase.Open(connectionString,
            provider.GetRequiredService<ILoggerFactory>().CreateLogger("TcbPush.Storage")));
        services.AddSingleton<IStorageBackend>(provider => provider.GetRequiredService<PostgresDatabase>());
        services.AddSingleton<IAppStore, PostgresAppStore>();
        services.AddSingleton<IEnvironmentStore, PostgresEnvironmentStore>();
        services.AddSingleton<ICallbackConfigStore, PostgresCallbackConfigStore>();
        services.AddSingleton<IPushStore, PostgresPushStore>();
        services.AddSingleton<ITokenStore, PostgresTokenStore>();
        services.AddSingleton<IComponentStore, PostgresComponentStore>();
        services.AddSingleton<IAuthorizationStore, PostgresAuthorizationStore>();
        services.AddHostedService<PostgresDeliveryListener>();
        return services;
    }
}
