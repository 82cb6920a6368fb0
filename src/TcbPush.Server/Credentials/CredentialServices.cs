using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TcbPush.Server.Apps;

namespace TcbPush.Server.Credentials;

internal static class CredentialServices
{
    /// <summary>Registers token issuing and checking, the app secret check and the tcb surface's per-request call.</summary>
    public static IServiceCollection AddCredentials(this IServiceCollection services, CredentialOptions options)
    {
        services.AddSingleton(Options.Create(options));
        services.AddSingleton<TokenCodec>();
        services.AddSingleton<TokenGenerationCache>();
        services.AddSingleton<CredentialMetrics>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<CloudCallTokens>();
        services.AddSingleton<AppCredentialCheck>();
        services.AddSingleton<AppRateLimiter>();
        services.AddScoped<TcbCall>();
        services.AddSingleton<IAppRemovalListener, AppTokenRevocation>();
        return services;
    }
}
