using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace TcbPush.Server.Console;

/// <summary>The console's stylesheet and script, embedded in the server assembly so that the tool needs no files beside it.</summary>
internal static class ConsoleAssets
{
    private static readonly FrozenDictionary<string, (byte[] Bytes, string ContentType)> All = Load();

    public static IResult Serve(string name) =>
        All.TryGetValue(name, out var asset)
            ? Results.Bytes(asset.Bytes, asset.ContentType)
            : Results.NotFound();

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        const string prefix = "TcbPush.Server.Console.Assets.";
        var assembly = typeof(ConsoleAssets).Assembly;
        var assets = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[prefix.Length..];
            var type = Path.GetExtension(name) switch
            {
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                _ => "application/octet-stream",
            };
            assets[name] = (copy.ToArray(), type);
        }
        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
