using System.Net;
using System.Net.Sockets;
using TcbPush.Tests.Cli;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Postgres;

/// <summary>SPEC §8: <c>--storage postgres</c> without a connection string, or with a server that is not there, is one clear error.</summary>
public sealed class PostgresStorageStartTests
{
    [Fact]
    public async Task Postgres_storage_without_a_connection_string_says_so()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            TestServer.StartAsync(configure: o => o.Storage = "postgres"));

        Assert.Contains("--storage postgres needs --connection", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_postgres_is_one_clear_line_that_does_not_show_the_password()
    {
        var connection = $"Host=127.0.0.1;Port={ClosedPort()};Username=tcbpush;Password=hunter2-secret;Database=tcbpush;Timeout=5";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestServer.StartAsync(postgres: connection));

        Assert.StartsWith("cannot use PostgreSQL storage: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_with_an_unreachable_postgres_exits_1_with_one_line()
    {
        var data = Directory.CreateTempSubdirectory("tcbpush-pgcli-").FullName;
        try
        {
            var result = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--data", data, "--storage", "postgres",
                "--connection", $"Host=127.0.0.1;Port={ClosedPort()};Username=u;Password=hunter2-secret;Database=d;Timeout=5"]);

            Assert.Equal(1, result.ExitCode);
            var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("tcbpush: cannot use PostgreSQL storage: ", line, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", result.Stdout + result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Serve_with_postgres_storage_and_no_connection_exits_1()
    {
        var data = Directory.CreateTempSubdirectory("tcbpush-pgcli-").FullName;
        try
        {
            var result = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--data", data, "--storage", "postgres"]);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("--storage postgres needs --connection", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>A loopback port nobody listens on (it was free a moment ago).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
