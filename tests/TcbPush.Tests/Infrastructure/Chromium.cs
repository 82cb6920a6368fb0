using System.Diagnostics;
using Microsoft.Playwright;

namespace TcbPush.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright, for the web console's browser tests: found on the PATH, installed with
/// apt-get when missing and the tests run as root on Debian (as <see cref="PostgresServer"/> installs PostgreSQL), and
/// launched through <c>ExecutablePath</c> (Playwright's own browser download cannot work offline). One browser per
/// test class; each test takes a fresh context (its own cookies).
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static readonly string[] Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the tests save their screenshots: <c>TestResults/console/</c> at the repository root (ignored by git).</summary>
    public static string ScreenshotFolder { get; } = FindScreenshotFolder();

    public async Task InitializeAsync()
    {
        var executable = await FindOrInstallAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable, Headless = true, Args = Args,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        playwright?.Dispose();
    }

    private static async Task<string> FindOrInstallAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            if (Find() is { } found)
            {
                return found;
            }
            if (Environment.UserName != "root" || !File.Exists("/etc/debian_version"))
            {
                throw new InvalidOperationException("Chromium is not installed (no chromium on the PATH) and the tests cannot install it " +
                                                    "(that needs root on Debian); install the chromium package");
            }
            await RunAsync("apt-get", ["update"]);
            await RunAsync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"]);
            return Find() ?? throw new InvalidOperationException("apt-get installed chromium, yet no chromium is on the PATH");
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(folder => new[] { Path.Combine(folder, "chromium"), Path.Combine(folder, "chromium-browser") })
            .FirstOrDefault(File.Exists);

    private static async Task RunAsync(string file, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(cancellation.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }

    private static string FindScreenshotFolder()
    {
        var path = Path.Combine(Repository.Root(), "TestResults", "console");
        Directory.CreateDirectory(path);
        return path;
    }
}
