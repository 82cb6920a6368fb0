using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace TcbPush.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL instance for the tests, started once per test run from the server binaries under
/// <c>/usr/lib/postgresql/*/bin</c> (installed with apt-get when missing and the tests run as root on Debian):
/// initdb into a temp folder, listening on a free loopback port with <c>fsync=on</c> and its sockets in that folder,
/// run as the <c>postgres</c> OS user when the tests run as root (PostgreSQL refuses to run as root). Each test class
/// takes a database of its own from <see cref="CreateDatabaseAsync"/>. When PostgreSQL cannot be obtained, starting
/// fails with a message saying why, so that the Postgres tests fail rather than pass unrun.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    private static PostgresServer? shared;
    private static string? sharedFailure;
    private readonly string bin;
    private readonly string folder;
    private readonly bool asPostgresUser;
    private int stopped;

    private PostgresServer(string bin, string folder, bool asPostgresUser, int port)
    {
        this.bin = bin;
        this.folder = folder;
        this.asPostgresUser = asPostgresUser;
        AdminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres", Pooling = false,
        }.ConnectionString;
    }

    /// <summary>The connection string of the instance's <c>postgres</c> database (superuser, trust authentication).</summary>
    public string AdminConnectionString { get; }

    private string DataFolder => Path.Combine(folder, "data");

    /// <summary>The one instance of this test run, started on first use; it stops with <see cref="PostgresTestGroup"/>.</summary>
    public static async Task<PostgresServer> SharedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (sharedFailure is not null)
            {
                throw new InvalidOperationException(sharedFailure);
            }
            if (shared is null)
            {
                try
                {
                    shared = await StartAsync();
                }
                catch (Exception e)
                {
                    sharedFailure = $"PostgreSQL for the [Category=Postgres] tests could not be started: {e.Message} " +
                                    "(filter them out with --filter Category!=Postgres)";
                    throw new InvalidOperationException(sharedFailure, e);
                }
                AppDomain.CurrentDomain.ProcessExit += (_, _) => shared?.StopNow();
            }
            return shared;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Stops the shared instance, when one was started.</summary>
    public static async Task StopSharedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (shared is not null)
            {
                await shared.DisposeAsync();
                shared = null;
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Creates a new, empty database; returns its connection string (pooled, as a server would use it).</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "tcbpush_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
#pragma warning disable CA2100 // The name is ours: a prefix and a GUID's hex digits.
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var asRoot = Environment.UserName == "root";
        var bin = FindBinaries() ?? await InstallAsync(asRoot) ??
                  throw new InvalidOperationException("initdb and pg_ctl were not found under /usr/lib/postgresql/*/bin");
        var folder = Directory.CreateTempSubdirectory("tcbpush-pg-").FullName;
        try
        {
            if (asRoot)
            {
                await RunAsync("chown", ["-R", "postgres:postgres", folder], CommandTimeout);
            }
            var port = FreePort();
            var server = new PostgresServer(bin, folder, asRoot, port);
            await server.RunToolAsync("initdb", ["-D", server.DataFolder, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
            await server.RunToolAsync("pg_ctl",
            [
                "-D", server.DataFolder, "-l", Path.Combine(folder, "postgres.log"), "-w", "-t", "60", "-o",
                $"-p {port.ToString(CultureInfo.InvariantCulture)} -c listen_addresses=127.0.0.1 -c unix_socket_directories={folder} " +
                "-c fsync=on -c max_connections=300",
                "start",
            ]);
            return server;
        }
        catch
        {
            TryDelete(folder);
            throw;
        }
    }

    /// <summary>The newest installed server's bin folder, or null.</summary>
    private static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Bin: Path.Combine(d, "bin"), Version: double.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out var v) ? v : 0))
                .Where(d => File.Exists(Path.Combine(d.Bin, "initdb")) && File.Exists(Path.Combine(d.Bin, "pg_ctl")))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Bin)
                .FirstOrDefault()
            : null;

    /// <summary>Installs the Debian package when running as root on Debian; null when that is not possible.</summary>
    private static async Task<string?> InstallAsync(bool asRoot)
    {
        if (!asRoot || !File.Exists("/etc/debian_version"))
        {
            throw new InvalidOperationException(
                "PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin) and the tests cannot install it " +
                "(that needs root on Debian); install the postgresql package");
        }
        await RunAsync("apt-get", ["update"], InstallTimeout);
        await RunAsync("apt-get", ["install", "-y", "--no-install-recommends", "postgresql"], InstallTimeout);
        return FindBinaries();
    }

    private Task RunToolAsync(string tool, IReadOnlyList<string> args) => asPostgresUser
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, tool), .. args], CommandTimeout)
        : RunAsync(Path.Combine(bin, tool), args, CommandTimeout);

    private static async Task RunAsync(string file, IReadOnlyList<string> args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = "/tmp",
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} took longer than {timeout}");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {(await error).Trim()} {(await output).Trim()}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }
    }

    /// <summary>Stops the instance at once (the test run is over) and removes its folder; idempotent.</summary>
    private void StopNow()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }
        try
        {
            RunToolAsync("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "stop"]).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        TryDelete(folder);
    }

    public ValueTask DisposeAsync()
    {
        StopNow();
        return ValueTask.CompletedTask;
    }
}
