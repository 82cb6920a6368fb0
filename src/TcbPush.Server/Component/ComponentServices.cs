using Microsoft.Extensions.DependencyInjection;
using TcbPush.Server.Credentials;
using TcbPush.Server.Apps;

namespace TcbPush.Server.Component;

internal static class ComponentServices
{
    /// <summary>Registers the third-party platform, including the authorizer check of the tcb endpoints.</summary>
    public static IServiceCollection AddComponents(this IServiceCollection services)
    {
        services.AddSingleton<AuthorizerAccess>();
        services.AddSingleton<IAuthorizerCheck>(provider => provider.GetRequiredService<AuthorizerAccess>());
        services.AddSingleton<ComponentCredentialCheck>();
        services.AddScoped<ComponentCall>();
        services.AddSingleton<AuthorizerTokenIssuer>();
        services.AddSingleton<ComponentRegistry>();
        services.AddSingleton<IAppRemovalListener, AuthorizerRevocation>();
        return services;
    }
}
