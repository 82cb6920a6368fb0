using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TcbPush.Tests.Infrastructure;

/// <summary>The built <c>tcbpush serve</c> executable as a child process, for what only a real process shows (kill -9).</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;

    private ServerProcess(Process process, string url)
    {
        this.process = process;
        Url = url;
    }

    public string Url { get; }

    /// <summary>The tcbpush.dll copied next to the tests by the project reference.</summary>
    public static string ExecutablePath => Path.Combine(AppContext.BaseDirectory, "tcbpush.dll");

    public static async Task<ServerProcess> StartAsync(string dataDirectory, params string[] extraArguments)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { ExecutablePath, "serve", "--urls", url, "--data", dataDirectory, "--admin-key", TestServer.AdminKey }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!deadline.IsCancellationRequested)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"tcbpush exited with {process.ExitCode} before it was healthy");
            }
            try
            {
                using var response = await http.GetAsync(url + "/healthz", deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return new ServerProcess(process, url);
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100, CancellationToken.None);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("tcbpush did not become healthy within 60 s");
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like <c>kill -9</c>.</summary>
    public async Task KillHardAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillHardAsync();
        process.Dispose();
    }
}
