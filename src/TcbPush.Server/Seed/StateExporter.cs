using TcbPush.Protocol.Admin;
using TcbPush.Server.Apps;
using TcbPush.Server.CallbackConfig;
using TcbPush.Server.Component;
using TcbPush.Server.Secrets;

namespace TcbPush.Server.Seed;

/// <summary>
/// SPEC §12 "State": the registered objects as a seed file (<see cref="SeedLoader"/> imports it). Secrets leave only
/// in stored form: hashes and digests as kept, message tokens and AES keys sealed with the master key.
/// </summary>
internal sealed class StateExporter(
    IAppStore apps, IEnvironmentStore environments, IComponentStore components, IAuthorizationStore authorizations,
    ICallbackConfigStore configs, ExportSeal seal, MasterKey masterKey)
{
    public async Task<StateExport> ExportAsync()
    {
        var appList = await apps.ListAsync();
        var callbackConfigs = new List<ExportedCallbackConfig>();
        foreach (var app in appList)
        {
            var stored = await configs.GetAsync(app.AppId);
            if (stored.Version > 0)
            {
                callbackConfigs.Add(new ExportedCallbackConfig(app.AppId, stored.Config));
            }
        }
        return new StateExport(
            masterKey.Fingerprint(),
            [.. appList.Select(app => new ExportedApp(app.AppId, app.Kind, Convert.ToBase64String(app.SecretHash),
                Seal(app.MessageToken), Seal(app.EncodingAesKey)))],
            [.. (await environments.ListAsync()).Select(env => new EnvironmentRegistration(env.Env, env.ContainerBaseUrl, env.FunctionBaseUrl))],
            [.. (await components.ListAsync()).Select(component => new ExportedComponent(component.ComponentAppId,
                Convert.ToBase64String(component.SecretHash), Convert.ToBase64String(component.TicketDigest)))],
            [.. (await authorizations.ListAsync()).Where(a => a.IsActive).Select(a => new ExportedAuthorization(a.ComponentAppId,
                a.AuthorizerAppId, a.PermissionSets, Convert.ToBase64String(a.RefreshTokenDigest)))],
            callbackConfigs);
    }

    private string? Seal(string? secret) => secret is null ? null : seal.Seal(secret);
}
