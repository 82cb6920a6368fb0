using Microsoft.Extensions.DependencyInjection;
using TcbPush.Tests.Infrastructure;
using TcbPush.Server.CallbackConfig;

namespace TcbPush.Tests.CallbackConfig;

/// <summary>
/// SPEC §4: concurrent sets for one app are serialized; the stored state is exactly one request's result. Runs on
/// SQLite here and on PostgreSQL in <see cref="Postgres.PostgresConcurrentSetTests"/>.
/// </summary>
public class ConcurrentSetTests
{
    private const string App = "wx00000000000000c1";

    /// <summary>The PostgreSQL connection string to run on, or null for SQLite.</summary>
    protected virtual Task<string?> PostgresAsync() => Task.FromResult<string?>(null);

    [Fact]
    public async Task Parallel_sets_on_one_app_end_in_exactly_one_requests_configuration()
    {
        await using var sink = await Sink.StartAsync();
        await using var server = await TestServer.StartAsync(TestServer.Seed(sink.Url, App), postgres: await PostgresAsync());
        var token = await server.TokenAsync(App);
        const int requests = 64;

        var answers = await Task.WhenAll(Enumerable.Range(0, requests).Select(i => Task.Run(() => server.PostJsonAsync(
            $"/tcb/setcallbackconfig?access_token={token}",
            "{\"function_config\":{\"enable\":false,\"callbacks\":[" +
            $"{{\"msgType\":\"text\",\"env\":\"env-ok\",\"functionName\":\"text{i}\"}}," +
            $"{{\"msgType\":\"image\",\"env\":\"env-ok\",\"functionName\":\"image{i}\"}}]}}," +
            $"\"container_config\":{{\"enable\":true,\"qbase_env\":\"env-ok\",\"qbase_container_path\":\"/c{i}\",\"text_mode\":{1 + (i % 2)}}}}}"))));

        Assert.All(answers, a => Assert.Equal(0, a["errcode"]!.GetValue<int>()));
        var data = (await server.PostJsonAsync($"/tcb/getcallbackconfig?access_token={token}", null))["data"]!;
        var winner = data["container_config"]!["qbase_container_path"]!.GetValue<string>()[2..];
        Assert.Equal("text" + winner, data["function_config"]!["callbacks"]![0]!["functionName"]!.GetValue<string>());
        Assert.Equal("image" + winner, data["function_config"]!["callbacks"]![1]!["functionName"]!.GetValue<string>());
        Assert.Equal(1 + (int.Parse(winner, System.Globalization.CultureInfo.InvariantCulture) % 2), data["container_config"]!["text_mode"]!.GetValue<int>());
        var stored = await server.Services.GetRequiredService<ICallbackConfigStore>().GetAsync(App);
        Assert.Equal(requests, stored.Version);
    }
}
