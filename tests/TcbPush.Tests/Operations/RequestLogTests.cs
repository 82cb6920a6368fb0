using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Operations;

/// <summary>SPEC §12 logs: one line per request with method, path, status, errcode, ms and rid; never the query string.</summary>
public sealed class RequestLogTests
{
    private const string App = "wxlog00000000001";

    [Fact]
    public async Task A_request_is_one_line_without_its_query_string()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = await TestServer.StartAsync(TestServer.Seed("http://127.0.0.1:9", App), logs: logs);

        var token = await server.TokenAsync(App);

        var lines = logs.Lines.Where(line => line.Contains("TcbPush.RequestLog", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(lines);
        Assert.Matches(@"GET /cgi-bin/token 200 errcode - \d+\.\d ms rid \S+", line);
        Assert.DoesNotContain("?", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-" + App, line, StringComparison.Ordinal);
        Assert.DoesNotContain(token, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_request_logs_its_errcode_and_no_secret()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = await TestServer.StartAsync(TestServer.Seed("http://127.0.0.1:9", App), logs: logs);

        await server.GetJsonAsync($"/cgi-bin/token?grant_type=client_credential&appid={App}&secret=wrong-secret-value");

        var line = Assert.Single(logs.Lines, line => line.Contains("TcbPush.RequestLog", StringComparison.Ordinal));
        Assert.Contains("GET /cgi-bin/token 200 errcode 40125", line, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Lines, l => l.Contains("wrong-secret-value", StringComparison.Ordinal));
    }
}
