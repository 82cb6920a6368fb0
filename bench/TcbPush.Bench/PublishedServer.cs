using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TcbPush.Bench;

/// <summary>
/// The published <c>tcbpush</c> executable run as a process of its own (<c>tcbpush serve</c>), for the figures that
/// only mean something outside the bench's process: time from exec to the first 200 on <c>/healthz</c>, and its
/// resident set (<c>VmRSS</c> from <c>/proc</c>).
/// </summary>
internal sealed class PublishedServer : IAsyncDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Process process;

    private PublishedServer(Process process, string url, TimeSpan startToReady)
    {
        this.process = process;
        Url = url;
        StartToReady = startToReady;
    }

    public string Url { get; }

    public TimeSpan StartToReady { get; }

    /// <summary>The process's resident set now, in MiB.</summary>
    public double RssMiB => Status("VmRSS:");

    /// <summary>The resident set now and its two parts: anonymous (heap, stacks, JIT) and file-backed (the executable's pages).</summary>
    public string Rss => $"{Status("VmRSS:"):0} MiB (anon {Status("RssAnon:"):0} + file {Status("RssFile:"):0})";

    private double Status(string field)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    public static async Task<PublishedServer> StartAsync(string executable, string data, string seed, string adminKey,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList = { "serve", "--urls", url, "--data", data, "--seed", seed, "--admin-key", adminKey, "--quiet" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var stopwatch = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => errors.Enqueue(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        while (true)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
                throw new InvalidOperationException($"{executable} exited with {process.ExitCode} before it was ready: {string.Join(" ", errors)}");
            }
            try
            {
                using var response = await Probe.GetAsync(url + "/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return new PublishedServer(process, url, stopwatch.Elapsed);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer within the probe's timeout.
            }
            await Task.Delay(2);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
