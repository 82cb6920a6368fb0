using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace TcbPush.Client;

/// <summary>
/// Registers the TcbPush clients with dependency injection: one default client pair (<see cref="WeChatClient"/> and
/// <see cref="TcbPushAdminClient"/>, resolved as plain services) and any number of named pairs, resolved as keyed
/// services (<c>provider.GetRequiredKeyedService&lt;WeChatClient&gt;("prod")</c>, or <c>[FromKeyedServices("prod")]</c>
/// on a constructor parameter). Every pair has its own options, its own <see cref="AccessTokenCache"/> and its own
/// <c>IHttpClientFactory</c> clients, named by <see cref="HttpClientName"/> for further HTTP configuration.
/// </summary>
public static class ServiceCollectionExtensions
{
    /// <summary>The configuration section the default client reads when none is given: <c>TcbPush</c>.</summary>
    public const string DefaultSection = "TcbPush";

    /// <summary>
    /// Registers the default <see cref="WeChatClient"/> and <see cref="TcbPushAdminClient"/> as typed clients of
    /// <c>IHttpClientFactory</c>, with one <see cref="AccessTokenCache"/> shared by every <see cref="WeChatClient"/>
    /// and <see cref="TimeProvider.System"/> unless a <see cref="TimeProvider"/> is registered already.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the server, the app's credentials, the admin key and the retry policy.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddTcbPushClient(this IServiceCollection services, Action<TcbPushClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<TcbPushClientOptions>().Configure(configure);
        return services.AddDefaultClients();
    }

    /// <summary>
    /// Registers the default clients (as <see cref="AddTcbPushClient(IServiceCollection, Action{TcbPushClientOptions})"/>)
    /// with their options read from <paramref name="section"/>: keys <c>Server</c>, <c>AppId</c>, <c>Secret</c>,
    /// <c>AdminKey</c> (and optionally <c>UseStableToken</c>, <c>MaxRetries</c>, <c>RetryDelay</c>,
    /// <c>TokenRefreshMargin</c>). A key the section leaves unset is taken from the variable the <c>tcbpush</c> CLI
    /// reads: <c>TCBPUSH_SERVER</c>, <c>TCBPUSH_APPID</c>, <c>TCBPUSH_SECRET</c>, <c>TCBPUSH_ADMIN_KEY</c>.
    /// <paramref name="configure"/>, if given, runs last.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The configuration section, e.g. <c>builder.Configuration.GetSection("TcbPush")</c>.</param>
    /// <param name="configure">Changes the options after they are read, or null.</param>
    /// <returns>The service collection.</returns>
    /// <example><code>builder.Services.AddTcbPushClient(builder.Configuration.GetSection("TcbPush"));</code></example>
    public static IServiceCollection AddTcbPushClient(this IServiceCollection services, IConfiguration section, Action<TcbPushClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<TcbPushClientOptions>()
            .Configure(options => TcbPushClientConfiguration.Bind(options, section, Environment.GetEnvironmentVariable))
            .Configure(configure ?? (_ => { }));
        return services.AddDefaultClients();
    }

    /// <summary>
    /// Registers a named pair of clients, resolved as keyed services under <paramref name="name"/>: another server or
    /// another app next to the default client, e.g. <c>prod</c> and <c>test</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The clients' key (not empty); registering the same name again adds to its options.</param>
    /// <param name="configure">Sets the server, the app's credentials, the admin key and the retry policy.</param>
    /// <returns>The service collection.</returns>
    /// <example><code>
    /// services.AddTcbPushClient("prod", o => { o.BaseAddress = new Uri("http://push.internal/"); o.AdminKey = prodKey; });
    /// var admin = provider.GetRequiredKeyedService&lt;TcbPushAdminClient&gt;("prod");
    /// </code></example>
    public static IServiceCollection AddTcbPushClient(this IServiceCollection services, string name, Action<TcbPushClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<TcbPushClientOptions>(name).Configure(configure);
        return services.AddNamedClients(name);
    }

    /// <summary>
    /// Registers a named pair of clients (keyed services under <paramref name="name"/>) with their options read from
    /// <paramref name="section"/>, with the keys of
    /// <see cref="AddTcbPushClient(IServiceCollection, IConfiguration, Action{TcbPushClientOptions})"/>. Unlike the
    /// default client, a named one does not fall back to the <c>TCBPUSH_*</c> variables: one set of variables cannot
    /// describe several servers, and a secret meant for one must not reach another.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The clients' key (not empty).</param>
    /// <param name="section">The configuration section, e.g. <c>builder.Configuration.GetSection("TcbPush:Prod")</c>.</param>
    /// <param name="configure">Changes the options after they are read, or null.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddTcbPushClient(this IServiceCollection services, string name, IConfiguration section, Action<TcbPushClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<TcbPushClientOptions>(name)
            .Configure(options => TcbPushClientConfiguration.Bind(options, section, environment: null))
            .Configure(configure ?? (_ => { }));
        return services.AddNamedClients(name);
    }

    /// <summary>
    /// The <c>IHttpClientFactory</c> name of a client's <see cref="HttpClient"/>, for
    /// <c>services.AddHttpClient(name)</c> (handlers, timeouts, proxies): <c>WeChatClient</c> or
    /// <c>TcbPushAdminClient</c> for the default clients, <c>WeChatClient:prod</c> for those named <c>prod</c>.
    /// </summary>
    /// <typeparam name="TClient"><see cref="WeChatClient"/> or <see cref="TcbPushAdminClient"/>.</typeparam>
    /// <param name="name">The clients' name, or null for the default clients.</param>
    public static string HttpClientName<TClient>(string? name = null) where TClient : class =>
        string.IsNullOrEmpty(name) ? typeof(TClient).Name : typeof(TClient).Name + ":" + name;

    private static IServiceCollection AddDefaultClients(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new AccessTokenCache(provider.GetRequiredService<TimeProvider>(), Options(provider, null).TokenRefreshMargin));
        services.AddHttpClient<WeChatClient, WeChatClient>((http, provider) =>
            new WeChatClient(http, Options(provider, null), provider.GetRequiredService<AccessTokenCache>(), provider.GetRequiredService<TimeProvider>()));
        services.AddHttpClient<TcbPushAdminClient, TcbPushAdminClient>((http, provider) =>
            new TcbPushAdminClient(http, Options(provider, null), provider.GetRequiredService<TimeProvider>()));
        return services;
    }

    private static IServiceCollection AddNamedClients(this IServiceCollection services, string name)
    {
        services.TryAddSingleton(TimeProvider.System);
        if (services.Any(service => service.IsKeyedService && Equals(service.ServiceKey, name) && service.ServiceType == typeof(WeChatClient)))
        {
            return services;
        }
        services.AddHttpClient(HttpClientName<WeChatClient>(name));
        services.AddHttpClient(HttpClientName<TcbPushAdminClient>(name));
        services.AddKeyedSingleton(name, (provider, _) => new AccessTokenCache(provider.GetRequiredService<TimeProvider>(), Options(provider, name).TokenRefreshMargin));
        services.AddKeyedTransient(name, (provider, _) => new WeChatClient(Http<WeChatClient>(provider, name), Options(provider, name),
            provider.GetRequiredKeyedService<AccessTokenCache>(name), provider.GetRequiredService<TimeProvider>()));
        services.AddKeyedTransient(name, (provider, _) => new TcbPushAdminClient(Http<TcbPushAdminClient>(provider, name), Options(provider, name),
            provider.GetRequiredService<TimeProvider>()));
        return services;
    }

    private static HttpClient Http<TClient>(IServiceProvider provider, string name) where TClient : class =>
        provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName<TClient>(name));

    private static TcbPushClientOptions Options(IServiceProvider provider, string? name) => name is null
        ? provider.GetRequiredService<IOptions<TcbPushClientOptions>>().Value
        : provider.GetRequiredService<IOptionsMonitor<TcbPushClientOptions>>().Get(name);
}
