using Microsoft.Extensions.DependencyInjection;

namespace TcbPush.Server.Apps;

internal static class AppServices
{
    /// <summary>Registers the registry of apps and environments used by the admin API, the seed and the demo.</summary>
    public static IServiceCollection AddApps(this IServiceCollection services) => services.AddSingleton<AppRegistry>();
}
