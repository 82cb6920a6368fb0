using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Hardening;

/// <summary>Everything in the data folder holds secrets or their hashes: readable by the owner only.</summary>
public sealed class FileModeTests
{
    [Fact]
    public async Task Data_folder_and_its_files_are_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var data = Path.Combine(Directory.CreateTempSubdirectory("tcbpush-modes-").FullName, "data");
        try
        {
            await using (var server = await TestServer.StartAsync(dataDirectory: data))
            {
                await server.AdminAsync(HttpMethod.Post, "/admin/apps", new { appid = "wx00000000000000d1", secret = "s" });
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
                foreach (var file in Directory.GetFiles(data))
                {
                    Assert.True((File.GetUnixFileMode(file) & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite)) == 0,
                        $"{Path.GetFileName(file)} is {File.GetUnixFileMode(file)}");
                }
                Assert.Contains(Directory.GetFiles(data), f => f.EndsWith("tcbpush.db-wal", StringComparison.Ordinal));
            }
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(data)!, recursive: true);
        }
    }
}
