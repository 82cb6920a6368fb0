using System.Security.Cryptography;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Operations;

/// <summary>
/// SPEC §12 keys: the database records the master key's fingerprint; a node with another key refuses to start.
/// Runs on SQLite here and on PostgreSQL in <c>PostgresMasterKeyFingerprintTests</c>.
/// </summary>
public class MasterKeyFingerprintTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("tcbpush-fingerprint-").FullName;

    /// <summary>A fresh PostgreSQL database's connection string, or null for SQLite.</summary>
    protected virtual Task<string?> PostgresAsync() => Task.FromResult<string?>(null);

    [Fact]
    public async Task The_same_key_starts_again()
    {
        var postgres = await PostgresAsync();
        await (await TestServer.StartAsync(dataDirectory: data, postgres: postgres)).DisposeAsync();

        await using var again = await TestServer.StartAsync(dataDirectory: data, postgres: postgres);

        using var ready = await again.Http.GetAsync("/readyz");
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Another_master_key_refuses_to_start_and_says_so()
    {
        var postgres = await PostgresAsync();
        await (await TestServer.StartAsync(dataDirectory: data, postgres: postgres)).DisposeAsync();
        await File.WriteAllTextAsync(Path.Combine(data, "master.key"), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestServer.StartAsync(dataDirectory: data, postgres: postgres));

        Assert.Contains("is not the one this database was created with", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Directory.Delete(data, recursive: true);
        GC.SuppressFinalize(this);
    }
}
