using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace TcbPush.Client;

/// <summary>Registers the TcbPush clients with dependency injection.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="WeChatClient"/> and <see cref="TcbPushAdminClient"/> as typed clients of
    /// <c>IHttpClientFactory</c>, with one <see cref="AccessTokenCache"/> shared by every <see cref="WeChatClient"/>
    /// and <see cref="TimeProvider.System"/> unless a <see cref="TimeProvider"/> is registered already.
    /// Further HTTP configuration goes through <c>services.AddHttpClient(nameof(WeChatClient))</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the server, the app's credentials, the admin key and the retry policy.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddTcbPushClient(this IServiceCollection services, Action<TcbPushClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<TcbPushClientOptions>().Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new AccessTokenCache(provider.GetRequiredService<TimeProvider>(), Options(provider).TokenRefreshMargin));
        services.AddHttpClient<WeChatClient, WeChatClient>((http, provider) =>
            new WeChatClient(http, Options(provider), provider.GetRequiredService<AccessTokenCache>(), provider.GetRequiredService<TimeProvider>()));
        services.AddHttpClient<TcbPushAdminClient, TcbPushAdminClient>((http, provider) =>
            new TcbPushAdminClient(http, Options(provider), provider.GetRequiredService<TimeProvider>()));
        return services;
    }

    private static TcbPushClientOptions Options(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<TcbPushClientOptions>>().Value;
}
