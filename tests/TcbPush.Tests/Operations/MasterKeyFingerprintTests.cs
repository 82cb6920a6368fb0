using System.Security.Cryptography;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Operations;

/// <summary>SPEC §12 keys: the database records the master key's fingerprint; another key refuses to start.</summary>
public sealed class MasterKeyFingerprintTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("tcbpush-fingerprint-").FullName;

    [Fact]
    public async Task The_same_key_starts_again()
    {
        await (await TestServer.StartAsync(dataDirectory: data)).DisposeAsync();

        await using var again = await TestServer.StartAsync(dataDirectory: data);

        Assert.NotNull(again.Url);
    }

    [Fact]
    public async Task Another_master_key_refuses_to_start_and_says_so()
    {
        await (await TestServer.StartAsync(dataDirectory: data)).DisposeAsync();
        await File.WriteAllTextAsync(Path.Combine(data, "master.key"), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestServer.StartAsync(dataDirectory: data));

        Assert.Contains("is not the one this database was created with", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(data, recursive: true);
}
