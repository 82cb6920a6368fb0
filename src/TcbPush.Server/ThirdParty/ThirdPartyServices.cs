using Microsoft.Extensions.DependencyInjection;
using TcbPush.Server.Credentials;
using TcbPush.Server.Storage;

namespace TcbPush.Server.ThirdParty;

internal static class ThirdPartyServices
{
    /// <summary>Registers the third-party platform, including the authorizer check of the tcb endpoints.</summary>
    public static IServiceCollection AddThirdParty(this IServiceCollection services)
    {
        services.AddSingleton<SecretDigest>();
        services.AddSingleton<AuthorizerAccess>();
        services.AddSingleton<IAuthorizerCheck>(provider => provider.GetRequiredService<AuthorizerAccess>());
        services.AddSingleton<ComponentCredentialCheck>();
        services.AddSingleton<ComponentCallerGate>();
        services.AddSingleton<AuthorizerTokenIssuer>();
        services.AddSingleton<ThirdPartyRegistry>();
        return services;
    }
}
