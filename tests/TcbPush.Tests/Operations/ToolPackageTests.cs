using System.Diagnostics;
using System.Net;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Operations;

/// <summary>
/// Issue 10: a new machine with only the .NET SDK installs the tool from a local pack. Packs src/TcbPush (slow: a
/// Release build), installs it into a temporary tool path, runs <c>tcbpush --version</c> and <c>tcbpush serve</c>.
/// The package gets a version of its own so that no copy of an earlier pack in the NuGet cache can stand in for it.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("tcbpush-tool-").FullName;

    [Fact]
    public async Task Packed_tool_installs_prints_its_version_and_serves()
    {
        var version = $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        var feed = Path.Combine(work, "feed");
        var tools = Path.Combine(work, "tools");
        var project = Path.Combine(Repository.Root(), "src", "TcbPush");

        await Repository.RunAsync("dotnet", ["pack", project, "-c", "Release", "-o", feed, $"-p:Version={version}", "--nologo"]);
        await Repository.RunAsync("dotnet", ["tool", "install", "tcbpush", "--tool-path", tools, "--add-source", feed, "--version", version]);
        var tcbpush = Path.Combine(tools, "tcbpush");

        var printed = await Repository.RunAsync(tcbpush, ["--version"]);
        Assert.StartsWith(version, printed.Trim(), StringComparison.Ordinal);

        using var serve = Process.Start(new ProcessStartInfo(tcbpush)
        {
            ArgumentList = { "serve", "--urls", "http://127.0.0.1:0", "--data", Path.Combine(work, "data") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        try
        {
            var url = await ListeningUrlAsync(serve);
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            using var health = await http.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
    }

    private static async Task<string> ListeningUrlAsync(Process serve)
    {
        const string Prefix = "TcbPush listening on ";
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await serve.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return line[Prefix.Length..].Trim();
            }
        }
        throw new InvalidOperationException($"tcbpush serve exited without listening: {await serve.StandardError.ReadToEndAsync()}");
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
