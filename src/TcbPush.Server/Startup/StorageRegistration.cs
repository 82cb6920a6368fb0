using System.Diagnostics.Metrics;
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
            var metrics = new WriterMetrics(provider.GetRequiredService<IMeterFactory>());
            return options.InMemory ? SqliteDatabase.OpenInMemory(logger, metrics) : SqliteDatabase.Open(options.DataDirectory, logger, metrics);
        });
        // One node owns the data folder, so its own writes are the only ones its caches must hear of.
        services.AddSingleton(new CacheCoherence(singleNode: true));
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
        // Other nodes write too: caches are trusted only while the listener hears their notifications.
        services.AddSingleton(new CacheCoherence(singleNode: false));
        services.AddHostedService<PostgresNotificationListener>();
        return services.AddSqlStores<PostgresDatabase>();
    }

    /// <summary>The stores (one implementation for both backends) over <typeparamref name="TDatabase"/>, registered already.</summary>
    private static IServiceCollection AddSqlStores<TDatabase>(this IServiceCollection services) where TDatabase : class, ISqlDatabase
    {
        services.AddSingleton<ISqlDatabase>(provider => provider.GetRequiredService<TDatabase>());
        services.AddSingleton<IStorageBackend>(provider => provider.GetRequiredService<TDatabase>());
        services.AddSingleton<SqlAppStore>();
        services.AddSingleton<IAppStore>(provider => new CachedAppStore(provider.GetRequiredService<SqlAppStore>(),
            provider.GetRequiredService<CacheCoherence>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SqlEnvironmentStore>();
        services.AddSingleton<IEnvironmentStore>(provider => new CachedEnvironmentStore(provider.GetRequiredService<SqlEnvironmentStore>(),
            provider.GetRequiredService<CacheCoherence>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SqlCallbackConfigStore>();
        services.AddSingleton<ICallbackConfigStore>(provider => new CachedCallbackConfigStore(provider.GetRequiredService<SqlCallbackConfigStore>(),
            provider.GetRequiredService<CacheCoherence>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SqlConversationStore>();
        services.AddSingleton<IConversationStore>(provider => provider.GetRequiredService<SqlConversationStore>());
        services.AddSingleton<IPushStore, SqlPushStore>();
        services.AddSingleton<ITokenStore, SqlTokenStore>();
        services.AddSingleton<IComponentStore, SqlComponentStore>();
        services.AddSingleton<IAuthorizationStore, SqlAuthorizationStore>();
        return services;
    }
}
