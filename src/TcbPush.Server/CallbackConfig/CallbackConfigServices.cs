using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TcbPush.Server.CallbackConfig;

internal static class CallbackConfigServices
{
    /// <summary>Registers <c>setcallbackconfig</c>'s updater and the container path check with its HTTP client.</summary>
    public static IServiceCollection AddCallbackConfig(this IServiceCollection services, CallbackConfigOptions options)
    {
        services.AddSingleton(Options.Create(options));
        services.AddHttpClient(ContainerPathCheck.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
        services.AddSingleton<ContainerPathCheck>();
        services.AddSingleton<CallbackConfigUpdater>();
        return services;
    }
}
