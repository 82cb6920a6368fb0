using System.Text.Json;
using Microsoft.Extensions.Logging;
using TcbPush.Server.Hosting;

namespace TcbPush.Server.Admin;

/// <summary>Applies a seed file through the same registry as the admin API; any invalid entry stops the start-up.</summary>
internal sealed class SeedLoader(Registry registry, ILogger<SeedLoader> logger)
{
    public async Task LoadAsync(string path)
    {
        SeedFile seed;
        try
        {
            seed = JsonSerializer.Deserialize(File.ReadAllBytes(path), AdminJson.Default.SeedFile)
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
        if (seed.Components is { Count: > 0 } || seed.Authorizations is { Count: > 0 })
        {
            logger.LogWarning("Seed components and authorizations are not supported yet and were skipped");
        }
        logger.LogInformation("Seed {Path} applied: {Changed} objects created or updated", path, changed);
    }

    private static int Count(Result<bool> result, string entry) =>
        result.Error is { } error ? throw new InvalidDataException($"seed {entry}: {error.Message}") : result.Value ? 1 : 0;
}
