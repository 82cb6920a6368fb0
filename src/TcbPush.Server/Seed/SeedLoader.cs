using System.Text.Json;
using Microsoft.Extensions.Logging;
using TcbPush.Server.Apps;
using TcbPush.Server.Component;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Seed;

/// <summary>Applies a seed file through the same registry as the admin API; any invalid entry stops the start-up.</summary>
internal sealed class SeedLoader(AppRegistry registry, ComponentRegistry thirdParty, ILogger<SeedLoader> logger)
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
        var changed = 0;
        foreach (var (app, i) in (seed.Apps ?? []).Select((a, i) => (a, i)))
        {
            changed += Count(await registry.RegisterAppAsync(app), $"apps[{i}]");
        }
        foreach (var (env, i) in (seed.Envs ?? []).Select((e, i) => (e, i)))
        {
            changed += Count(await registry.RegisterEnvironmentAsync(env), $"envs[{i}]");
        }
        foreach (var (component, i) in (seed.Components ?? []).Select((c, i) => (c, i)))
        {
            changed += Count(await thirdParty.RegisterComponentAsync(component), $"components[{i}]");
        }
        foreach (var (authorization, i) in (seed.Authorizations ?? []).Select((a, i) => (a, i)))
        {
            if (string.IsNullOrEmpty(authorization.AuthorizerRefreshToken))
            {
                // A generated refresh token could be shown to no one: the seed must give it.
                throw new InvalidDataException($"seed authorizations[{i}]: authorizer_refresh_token is required");
            }
            var granted = await thirdParty.GrantAsync(authorization);
            changed += Count(granted.Error is { } error ? error : granted.Value.Changed, $"authorizations[{i}]");
        }
        logger.LogInformation("Seed {Path} applied: {Changed} objects created or updated", path, changed);
    }

    private static int Count(Result<bool> result, string entry) =>
        result.Error is { } error ? throw new InvalidDataException($"seed {entry}: {error.Message}") : result.Value ? 1 : 0;
}
