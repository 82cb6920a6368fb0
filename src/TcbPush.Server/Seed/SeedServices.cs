using Microsoft.Extensions.DependencyInjection;
using TcbPush.Server.Secrets;

namespace TcbPush.Server.Seed;

internal static class SeedServices
{
    /// <summary>Registers the seed loader, the exporter and the demo (its app, environment and echo container).</summary>
    public static IServiceCollection AddSeed(this IServiceCollection services)
    {
        services.AddSingleton<ExportSeal>();
        services.AddSingleton<SeedLoader>();
        services.AddSingleton<StateExporter>();
        services.AddSingleton<DemoBot>();
        services.AddSingleton<EchoRecorder>();
        services.AddSingleton<DemoSetup>();
        return services;
    }
}
