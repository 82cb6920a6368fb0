using System.Security.Cryptography;
using System.Text.Json.Nodes;
using TcbPush.Tests.Cli;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Operations;

/// <summary>
/// SPEC §12 "State": <c>tcbpush export</c> writes a seed file with secrets in sealed or hashed form only;
/// <c>serve --seed</c> imports it under the same master key and refuses it, in one line, under another.
/// </summary>
public sealed class ExportTests : IDisposable
{
    private const string MiniProgram = "wxexport00000001";
    private const string OfficialAccount = "wxexport00000002";
    private const string MessageToken = "pushtoken123";
    private const string AesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private const string FunctionConfig =
        """{"function_config":{"enable":true,"callbacks":[{"msgType":"text","event":"","env":"env-ok","functionName":"onText","enable":true}]}}""";
    private readonly string folder = Directory.CreateTempSubdirectory("tcbpush-export-").FullName;

    [Fact]
    public async Task Export_seeded_into_a_server_with_the_same_master_key_exports_the_same_and_keeps_secrets_working()
    {
        await using var original = await StartOriginalAsync();
        var exportFile = Path.Combine(folder, "export.json");
        var exported = await CliRunner.RunAsync(["export", "--out", exportFile, "--server", original.Url, "--admin-key", TestServer.AdminKey]);
        Assert.True(exported.ExitCode == 0, exported.ToString());
        var copy = Path.Combine(folder, "copy");
        Directory.CreateDirectory(copy);
        File.Copy(Path.Combine(original.Options.DataDirectory, "master.key"), Path.Combine(copy, "master.key"));

        await using var imported = await TestServer.StartAsync(dataDirectory: copy, configure: o => o.SeedFile = exportFile);

        Assert.True(JsonNode.DeepEquals(await original.AdminAsync(HttpMethod.Get, "/admin/export"), await imported.AdminAsync(HttpMethod.Get, "/admin/export")));
        var config = await imported.PostJsonAsync($"/tcb/getcallbackconfig?access_token={await imported.TokenAsync(MiniProgram)}", "{}");
        var originalConfig = await original.PostJsonAsync($"/tcb/getcallbackconfig?access_token={await original.TokenAsync(MiniProgram)}", "{}");
        Assert.True(JsonNode.DeepEquals(originalConfig["data"], config["data"]), config.ToJsonString());
    }

    [Fact]
    public async Task Export_holds_no_secret_in_plain_text()
    {
        await using var original = await StartOriginalAsync();

        var result = await CliRunner.RunAsync(["export", "--server", original.Url, "--admin-key", TestServer.AdminKey]);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var secret in new[] { "secret-" + MiniProgram, MessageToken, AesKey, "component-secret", "ticket@@@one", "refresh@@@one" })
        {
            Assert.DoesNotContain(secret, result.Stdout, StringComparison.Ordinal);
        }
        var export = JsonNode.Parse(result.Stdout)!;
        Assert.Equal("officialaccount", (string?)export["apps"]![1]!["kind"]);
        Assert.NotNull((string?)export["apps"]![0]!["token_sealed"]);
        Assert.Equal(MiniProgram, (string?)export["callback_configs"]![0]!["appid"]);
    }

    [Fact]
    public async Task A_seeded_export_applied_again_changes_nothing()
    {
        await using var original = await StartOriginalAsync();
        var exportFile = Path.Combine(folder, "again.json");
        await File.WriteAllTextAsync(exportFile, (await original.AdminAsync(HttpMethod.Get, "/admin/export")).ToJsonString());
        var before = await original.AdminAsync(HttpMethod.Get, "/admin/export");

        await using var restarted = await original.RestartAsync(o => o.SeedFile = exportFile);

        Assert.True(JsonNode.DeepEquals(before, await restarted.AdminAsync(HttpMethod.Get, "/admin/export")));
        Assert.Equal(0, (int?)(await restarted.PostJsonAsync($"/tcb/getcallbackconfig?access_token={await restarted.TokenAsync(OfficialAccount)}", "{}"))["errcode"]);
    }

    [Fact]
    public async Task Serve_refuses_an_export_sealed_under_another_master_key_in_one_line()
    {
        await using var original = await StartOriginalAsync();
        var exportFile = Path.Combine(folder, "other.json");
        await File.WriteAllTextAsync(exportFile, (await original.AdminAsync(HttpMethod.Get, "/admin/export")).ToJsonString());
        var other = Path.Combine(folder, "other");
        Directory.CreateDirectory(other);
        await File.WriteAllTextAsync(Path.Combine(other, "master.key"), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        var result = await CliRunner.RunAsync(["serve", "--data", other, "--seed", exportFile, "--urls", "http://127.0.0.1:0", "--admin-key", "k", "--quiet"]);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("tcbpush: seed ", line, StringComparison.Ordinal);
        Assert.Contains("master key", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sealed_token_without_its_master_key_is_refused()
    {
        var seed = Path.Combine(folder, "forged.json");
        await File.WriteAllTextAsync(seed, new JsonObject
        {
            ["apps"] = new JsonArray(new JsonObject { ["appid"] = MiniProgram, ["secret"] = "s", ["token_sealed"] = Convert.ToBase64String(new byte[40]) }),
        }.ToJsonString());

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => TestServer.StartAsync(configure: o => o.SeedFile = seed));

        Assert.Equal("seed apps[0]: token_sealed does not open with this server's master key (it was sealed with another one)", error.Message);
    }

    private static async Task<TestServer> StartOriginalAsync()
    {
        var seed = TestServer.Seed("http://127.0.0.1:9", MiniProgram, OfficialAccount);
        seed["apps"]![0]!["token"] = MessageToken;
        seed["apps"]![0]!["encoding_aes_key"] = AesKey;
        seed["apps"]![1]!["kind"] = "officialaccount";
        seed["components"] = new JsonArray(new JsonObject
        {
            ["component_appid"] = "wxexportcomp0001", ["component_appsecret"] = "component-secret", ["component_verify_ticket"] = "ticket@@@one",
        });
        seed["authorizations"] = new JsonArray(new JsonObject
        {
            ["component_appid"] = "wxexportcomp0001", ["authorizer_appid"] = OfficialAccount, ["permission_sets"] = new JsonArray(64, 49),
            ["authorizer_refresh_token"] = "refresh@@@one",
        });
        var server = await TestServer.StartAsync(seed);
        var set = await server.PostJsonAsync($"/tcb/setcallbackconfig?access_token={await server.TokenAsync(MiniProgram)}", FunctionConfig);
        Assert.Equal(0, (int?)set["errcode"]);
        return server;
    }

    public void Dispose()
    {
        Directory.Delete(folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
