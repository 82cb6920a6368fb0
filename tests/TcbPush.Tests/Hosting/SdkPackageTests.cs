using System.IO.Compression;
using System.Reflection;
using TcbPush.Client;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Hosting;

/// <summary>
/// Issue 10: the SDK package. Packs src/TcbPush.Client (slow: a Release build) and reads the package and its symbol
/// package; the tool and the SDK carry one version (Directory.Build.props).
/// </summary>
public sealed class SdkPackageTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("tcbpush-sdk-").FullName;

    [Fact]
    public void Tool_and_SDK_share_one_version() =>
        Assert.Equal(Version(typeof(global::TcbPush.Cli.CliApp).Assembly), Version(typeof(WeChatClient).Assembly));

    [Fact]
    public async Task SDK_package_carries_the_protocol_and_a_symbol_package_with_both_pdbs()
    {
        var version = $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        var project = Path.Combine(Repository.Root(), "src", "TcbPush.Client");

        await Repository.RunAsync("dotnet", ["pack", project, "-c", "Release", "-o", work, $"-p:Version={version}", "--nologo"]);

        Assert.Superset(new HashSet<string>(["lib/net10.0/TcbPush.Client.dll", "lib/net10.0/TcbPush.Protocol.dll", "lib/net10.0/TcbPush.Client.xml", "README.md"]),
            Entries(Path.Combine(work, $"TcbPush.Client.{version}.nupkg")));
        Assert.Superset(new HashSet<string>(["lib/net10.0/TcbPush.Client.pdb", "lib/net10.0/TcbPush.Protocol.pdb"]),
            Entries(Path.Combine(work, $"TcbPush.Client.{version}.snupkg")));
    }

    private static string? Version(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];

    private static HashSet<string> Entries(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        return [.. zip.Entries.Select(entry => entry.FullName)];
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
