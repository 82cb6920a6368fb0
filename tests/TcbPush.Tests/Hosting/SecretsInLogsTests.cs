using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Hosting;

/// <summary>SPEC §9: tokens and secrets never appear in logs, even at the most verbose level; rids do.</summary>
public sealed class SecretsInLogsTests
{
    private const string App = "wx00000000000000l1";

    [Fact]
    public async Task Tokens_and_secrets_never_reach_the_log()
    {
        var logs = new CapturingLoggerProvider();
        await using var sink = await Sink.StartAsync();
        var seed = TestServer.Seed(sink.Url, App);
        seed["apps"]![0]!["token"] = "MessageToken123";
        seed["apps"]![0]!["encoding_aes_key"] = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
        await using (var server = await TestServer.StartAsync(seed, logs: logs))
        {
            var token = await server.TokenAsync(App);
            await server.GetJsonAsync($"/cgi-bin/token?grant_type=client_credential&appid={App}&secret=wrong-secret-value");
            await server.PostJsonAsync($"/tcb/setcallbackconfig?access_token={token}", """{"container_config":{"enable":true,"qbase_env":"env-fail","qbase_container_path":"/x"}}""");
            var answer = await server.PostJsonAsync($"/tcb/setcallbackconfig?access_token={token}x", "{}");
            var rid = answer["errmsg"]!.GetValue<string>().Split(" rid: ")[1];

            var all = string.Join('\n', logs.Lines);
            Assert.Contains(rid, all, StringComparison.Ordinal);
            Assert.DoesNotContain(token, all, StringComparison.Ordinal);
        }

        var everything = string.Join('\n', logs.Lines);
        Assert.NotEmpty(logs.Lines);
        foreach (var secret in new[] { "secret-" + App, "wrong-secret-value", "MessageToken123", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "access_token=" })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }
}
