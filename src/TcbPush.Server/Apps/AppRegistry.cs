using System.Text.RegularExpressions;
using TcbPush.Protocol;
using TcbPush.Protocol.Admin;
using TcbPush.Server.Secrets;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Apps;

/// <summary>Validates and stores apps and environments for the admin API, the seed file and <c>--demo</c> alike.</summary>
internal sealed partial class AppRegistry(IAppStore apps, IEnvironmentStore environments, IEnumerable<IAppRemovalListener> removalListeners)
{
    /// <summary>Registers or updates an app; re-registering an unchanged app changes nothing.</summary>
    public Task<Result<bool>> RegisterAppAsync(AppRegistration app) => RegisterAsync(app, secretHash: null);

    /// <summary>
    /// Registers or updates an exported app (a seed's <c>secret_hash</c>): its secret is given as the stored hash,
    /// <paramref name="app"/>'s <c>Secret</c> is ignored; everything else is checked as for <see cref="RegisterAppAsync"/>.
    /// </summary>
    public Task<Result<bool>> RestoreAppAsync(AppRegistration app, byte[] secretHash) =>
        SecretHash.IsWellFormed(secretHash)
            ? RegisterAsync(app with { Secret = null }, secretHash)
            : Task.FromResult<Result<bool>>(new WeChatError(ErrCode.InvalidArgs, "secret_hash: not a TcbPush secret hash"));

    private async Task<Result<bool>> RegisterAsync(AppRegistration app, byte[]? secretHash)
    {
        if (string.IsNullOrEmpty(app.AppId) || (secretHash is null && string.IsNullOrEmpty(app.Secret)))
        {
            return new WeChatError(ErrCode.MissingParameter, "appid and secret are required");
        }
        if (!AppIds.IsAppId(app.AppId))
        {
            return new WeChatError(ErrCode.InvalidArgs, "appid: 1-32 characters of A-Z, a-z, 0-9, _ and -");
        }
        if (app.Secret?.Length > 128)
        {
            return new WeChatError(ErrCode.InvalidArgs, "secret: at most 128 characters");
        }
        if (app.Token is not null && !MessageTokenPattern().IsMatch(app.Token))
        {
            return new WeChatError(ErrCode.InvalidArgs, "token: 3-32 letters and digits");
        }
        if (app.EncodingAesKey is not null && !IsEncodingAesKey(app.EncodingAesKey))
        {
            return new WeChatError(ErrCode.InvalidArgs, "encoding_aes_key: 43 characters of base64");
        }
        if (app.Kind is not null && !AppKind.IsKnown(app.Kind))
        {
            return new WeChatError(ErrCode.InvalidArgs, $"kind: one of {string.Join(", ", AppKind.All)}");
        }
        var existing = await apps.FindAsync(app.AppId);
        var kind = app.Kind ?? existing?.Kind ?? AppKind.MiniProgram;
        return await apps.UpsertAsync(new AppRecord(app.AppId, secretHash ?? SecretHash.HashOrKeep(existing?.SecretHash, app.Secret!),
            app.Token, app.EncodingAesKey, kind));
    }

    public async Task<bool> RemoveAppAsync(string appId)
    {
        var removed = await apps.DeleteAsync(appId);
        foreach (var listener in removalListeners)
        {
            await listener.OnAppRemovedAsync(appId);
        }
        return removed;
    }

    public async Task<Result<bool>> RegisterEnvironmentAsync(EnvironmentRegistration environment)
    {
        if (string.IsNullOrEmpty(environment.Env) || string.IsNullOrEmpty(environment.ContainerBaseUrl) ||
            string.IsNullOrEmpty(environment.FunctionBaseUrl))
        {
            return new WeChatError(ErrCode.MissingParameter, "env, container_base_url and function_base_url are required");
        }
        if (!AppIds.IsEnvId(environment.Env))
        {
            return new WeChatError(ErrCode.InvalidArgs, "env: 1-64 characters of A-Z, a-z, 0-9 and -");
        }
        foreach (var (field, url) in new[] { ("container_base_url", environment.ContainerBaseUrl), ("function_base_url", environment.FunctionBaseUrl) })
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") ||
                uri.Query.Length != 0 || uri.Fragment.Length != 0 || uri.UserInfo.Length != 0)
            {
                return new WeChatError(ErrCode.InvalidArgs, $"{field}: an http or https URL without query, fragment or credentials");
            }
        }
        return await environments.UpsertAsync(new EnvironmentRecord(environment.Env,
            environment.ContainerBaseUrl.TrimEnd('/'), environment.FunctionBaseUrl.TrimEnd('/')));
    }

    public static bool IsEncodingAesKey(string key)
    {
        if (key.Length != 43 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/'))
        {
            return false;
        }
        Span<byte> bytes = stackalloc byte[33];
        return Convert.TryFromBase64String(key + "=", bytes, out var written) && written == 32;
    }

    [GeneratedRegex("^[A-Za-z0-9]{3,32}\\z")]
    private static partial Regex MessageTokenPattern();
}
