using System.Text.Json;
using Microsoft.Extensions.Logging;
using TcbPush.Protocol;
using TcbPush.Protocol.Admin;
using TcbPush.Server.Apps;
using TcbPush.Server.CallbackConfig;
using TcbPush.Server.Component;
using TcbPush.Server.Secrets;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Seed;

/// <summary>
/// Applies a seed file through the same registries and configuration validator as the admin API; any invalid entry
/// stops the start-up. Secrets in stored form (an export's) are taken as they are, the sealed ones opened with this
/// server's master key, which must be the exporting server's.
/// </summary>
internal sealed class SeedLoader(
    AppRegistry registry, ComponentRegistry thirdParty, IAppStore apps, ICallbackConfigStore configs, CallbackConfigUpdater updater,
    ExportSeal seal, MasterKey masterKey, ILogger<SeedLoader> logger)
{
    public async Task LoadAsync(string path)
    {
        SeedFile seed;
        try
        {
            seed = JsonSerializer.Deserialize(File.ReadAllBytes(path), SeedJson.Default.SeedFile)
                   ?? throw new InvalidDataException("the seed file is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"seed file {path} is not valid: {e.Message}", e);
        }
        if (seed.MasterKeyFingerprint is { } exported && exported != masterKey.Fingerprint())
        {
            throw new InvalidDataException(
                $"seed {path} was exported under the master key with fingerprint {exported}, this server's has fingerprint " +
                $"{masterKey.Fingerprint()}: its sealed secrets import only with that master key ({MasterKey.EnvironmentVariable} or master.key in the data folder)");
        }
        var sealedOk = seed.MasterKeyFingerprint is not null;
        var changed = 0;
        foreach (var (app, i) in (seed.Apps ?? []).Select((a, i) => (a, i)))
        {
            changed += Count(await RegisterAppAsync(app, $"apps[{i}]"), $"apps[{i}]");
        }
        foreach (var (env, i) in (seed.Envs ?? []).Select((e, i) => (e, i)))
        {
            changed += Count(await registry.RegisterEnvironmentAsync(env), $"envs[{i}]");
        }
        foreach (var (component, i) in (seed.Components ?? []).Select((c, i) => (c, i)))
        {
            changed += Count(await RegisterComponentAsync(component, $"components[{i}]", sealedOk), $"components[{i}]");
        }
        foreach (var (authorization, i) in (seed.Authorizations ?? []).Select((a, i) => (a, i)))
        {
            changed += Count(await GrantAsync(authorization, $"authorizations[{i}]", sealedOk), $"authorizations[{i}]");
        }
        foreach (var (config, i) in (seed.CallbackConfigs ?? []).Select((c, i) => (c, i)))
        {
            changed += Count(await ConfigureAsync(config), $"callback_configs[{i}]");
        }
        logger.LogInformation("Seed {Path} applied: {Changed} objects created or updated", path, changed);
    }

    private Task<Result<bool>> RegisterAppAsync(SeedApp app, string entry)
    {
        var registration = new AppRegistration(app.AppId, app.Secret,
            OneOf(app.Token, app.TokenSealed, entry, "token"),
            OneOf(app.EncodingAesKey, app.EncodingAesKeySealed, entry, "encoding_aes_key"),
            app.Kind);
        if (app.SecretHash is null)
        {
            return registry.RegisterAppAsync(registration);
        }
        if (app.Secret is not null)
        {
            throw new InvalidDataException($"seed {entry}: give secret or secret_hash, not both");
        }
        return registry.RestoreAppAsync(registration, Decode(app.SecretHash, entry, "secret_hash"));
    }

    private Task<Result<bool>> RegisterComponentAsync(SeedComponent component, string entry, bool sealedOk)
    {
        if (component.ComponentAppSecretHash is null && component.ComponentVerifyTicketDigest is null)
        {
            return thirdParty.RegisterComponentAsync(new ComponentRegistration(component.ComponentAppId, component.ComponentAppSecret,
                component.ComponentVerifyTicket));
        }
        if (component.ComponentAppSecretHash is null || component.ComponentVerifyTicketDigest is null ||
            component.ComponentAppSecret is not null || component.ComponentVerifyTicket is not null)
        {
            throw new InvalidDataException(
                $"seed {entry}: give component_appsecret and component_verify_ticket, or component_appsecret_hash and component_verify_ticket_digest");
        }
        RequireFingerprint(sealedOk, entry, "component_verify_ticket_digest");
        return thirdParty.RestoreComponentAsync(component.ComponentAppId, Decode(component.ComponentAppSecretHash, entry, "component_appsecret_hash"),
            Decode(component.ComponentVerifyTicketDigest, entry, "component_verify_ticket_digest"));
    }

    private async Task<Result<bool>> GrantAsync(SeedAuthorization authorization, string entry, bool sealedOk)
    {
        var registration = new AuthorizationRegistration(authorization.ComponentAppId, authorization.AuthorizerAppId,
            authorization.PermissionSets, authorization.AuthorizerRefreshToken);
        if (authorization.AuthorizerRefreshTokenDigest is { } digest)
        {
            if (authorization.AuthorizerRefreshToken is not null)
            {
                throw new InvalidDataException($"seed {entry}: give authorizer_refresh_token or authorizer_refresh_token_digest, not both");
            }
            RequireFingerprint(sealedOk, entry, "authorizer_refresh_token_digest");
            return await thirdParty.RestoreGrantAsync(registration, Decode(digest, entry, "authorizer_refresh_token_digest"));
        }
        if (string.IsNullOrEmpty(authorization.AuthorizerRefreshToken))
        {
            // A generated refresh token could be shown to no one: the seed must give it.
            throw new InvalidDataException($"seed {entry}: authorizer_refresh_token is required");
        }
        var granted = await thirdParty.GrantAsync(registration);
        return granted.Error is { } error ? error : granted.Value.Changed;
    }

    /// <summary>Applies a configuration through setcallbackconfig's validator, without the path check; unchanged, it changes nothing.</summary>
    private async Task<Result<bool>> ConfigureAsync(SeedCallbackConfig seeded)
    {
        if (string.IsNullOrEmpty(seeded.AppId) || seeded.Config is not { ValueKind: JsonValueKind.Object } body)
        {
            return new WeChatError(ErrCode.MissingParameter, "appid and config (a setcallbackconfig body) are required");
        }
        if (await apps.FindAsync(seeded.AppId) is null)
        {
            return new WeChatError(ErrCode.InvalidAppId, $"{seeded.AppId} is not a registered app");
        }
        var patch = CallbackConfigValidator.Validate(body);
        if (patch.Error is { } invalid)
        {
            return invalid;
        }
        var stored = await configs.GetAsync(seeded.AppId);
        if (stored.Version > 0 && patch.Value.ApplyTo(stored.Config) == stored.Config)
        {
            return false;
        }
        return await updater.ApplyAsync(seeded.AppId, patch.Value, checkPath: false) is { } refused ? refused : true;
    }

    /// <summary>A secret given in plain text, or sealed (opened here); not both.</summary>
    private string? OneOf(string? plain, string? sealedValue, string entry, string field)
    {
        if (sealedValue is null)
        {
            return plain;
        }
        if (plain is not null)
        {
            throw new InvalidDataException($"seed {entry}: give {field} or {field}_sealed, not both");
        }
        return seal.Open(sealedValue) ?? throw new InvalidDataException(
            $"seed {entry}: {field}_sealed does not open with this server's master key (it was sealed with another one)");
    }

    private static void RequireFingerprint(bool sealedOk, string entry, string field)
    {
        if (!sealedOk)
        {
            throw new InvalidDataException($"seed {entry}: {field} needs the export's master_key_fingerprint beside it");
        }
    }

    private static byte[] Decode(string base64, string entry, string field)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidDataException($"seed {entry}: {field} is not base64");
        }
    }

    private static int Count(Result<bool> result, string entry) =>
        result.Error is { } error ? throw new InvalidDataException($"seed {entry}: {error.Message}") : result.Value ? 1 : 0;
}
