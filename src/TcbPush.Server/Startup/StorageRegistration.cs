using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TcbPush.Server.Apps;
using TcbPush.Server.CallbackConfig;
using TcbPush.Server.Component;
using TcbPush.Server.Conversations;
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
        return services.AddSqlStores<SqliteDatabase>();
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
        services.AddHostedService<PostgresNotificationListener>();
        return services.AddSqlStores<PostgresDatabase>();
    }

    /// <summary>The stores (one implementation for both backends) over <typeparamref name="TDatabase"/>, registered already.</summary>
    private static IServiceCollection AddSqlStores<TDatabase>(this IServiceCollection services) where TDatabase : class, ISqlDatabase
    {
        services.AddSingleton<ISqlDatabase>(provider => provider.GetRequiredService<TDatabase>());
        services.AddSingleton<IStorageBackend>(provider => provider.GetRequiredService<TDatabase>());
        services.AddSingleton<IAppStore, SqlAppStore>();
        services.AddSingleton<IEnvironmentStore, SqlEnvironmentStore>();
        services.AddSingleton<ICallbackConfigStore, SqlCallbackConfigStore>();
        services.AddSingleton<SqlConversationStore>();
        services.AddSingleton<IConversationStore>(provider => provider.GetRequiredService<SqlConversationStore>());
        services.AddSingleton<IPushStore, SqlPushStore>();
        services.AddSingleton<ITokenStore, SqlTokenStore>();
        services.AddSingleton<IComponentStore, SqlComponentStore>();
        services.AddSingleton<IAuthorizationStore, SqlAuthorizationStore>();
        return services;
    }
}
