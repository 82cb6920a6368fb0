using Microsoft.Extensions.DependencyInjection;

namespace TcbPush.Server.Seed;

internal static class SeedServices
{
    /// <summary>Registers the seed loader and the demo (its app, environment and echo container).</summary>
    public static IServiceCollection AddSeed(this IServiceCollection services)
    {
        services.AddSingleton<SeedLoader>();
        services.AddSingleton<DemoBot>();
        services.AddSingleton<EchoRecorder>();
        services.AddSingleton<DemoSetup>();
        return services;
    }
}
