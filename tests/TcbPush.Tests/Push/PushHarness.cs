using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using TcbPush.Protocol.Crypto;
using TcbPush.Tests.Infrastructure;
using TcbPush.Server.Startup;

namespace TcbPush.Tests.Push;

/// <summary>
/// A TcbPush server and a recording sink, with apps as WeChat would push for them: <see cref="OpenApp"/> without a
/// message token (unsigned pushes), <see cref="SignedApp"/> with one, <see cref="SafeApp"/> with a token and an
/// EncodingAESKey; the envs <c>env-ok</c> and <c>env-fail</c> of <see cref="TestServer.Seed"/>. Optionally on a fake clock.
/// </summary>
internal sealed class PushHarness : IAsyncDisposable
{
    public const string OpenApp = "wxpush0000000001";
    public const string SignedApp = "wxpush0000000002";
    public const string SafeApp = "wxpush0000000003";
    public const string MessageToken = "PushToken2025";
    public const string EncodingAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    public const string Timestamp = "1714036504";
    public const string Nonce = "1514711492";
    private readonly JsonObject seed;
    private readonly Action<TcbPushOptions> configure;
    private readonly string dataDirectory;
    private readonly string? postgres;

    private PushHarness(Sink sink, TestServer server, JsonObject seed, Action<TcbPushOptions> configure, string dataDirectory, string? postgres)
    {
        Sink = sink;
        Server = server;
        this.seed = seed;
        this.configure = configure;
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
    }

    public Sink Sink { get; }

    public TestServer Server { get; private set; }

    public string DataDirectory => dataDirectory;

    /// <summary>The PostgreSQL connection string the server stores in, or null for SQLite in <see cref="DataDirectory"/>.</summary>
    public string? Postgres => postgres;

    public FakeTimeProvider Time => Server.Time ?? throw new InvalidOperationException("this harness runs on the real clock");

    /// <summary>
    /// Starts sink and server; the path check is off so that failing targets can be configured. With
    /// <paramref name="postgres"/> (a connection string) the server stores in PostgreSQL.
    /// </summary>
    public static async Task<PushHarness> StartAsync(bool fakeClock = false, Action<TcbPushOptions>? adjust = null, string? postgres = null)
    {
        Action<TcbPushOptions> configure = options =>
        {
            options.PathCheck = false;
            adjust?.Invoke(options);
        };
        var sink = await Sink.StartAsync();
        var seed = TestServer.Seed(sink.Url, OpenApp);
        seed["apps"]!.AsArray().Add(new JsonObject { ["appid"] = SignedApp, ["secret"] = "secret-" + SignedApp, ["token"] = MessageToken });
        seed["apps"]!.AsArray().Add(new JsonObject
        {
            ["appid"] = SafeApp, ["secret"] = "secret-" + SafeApp, ["token"] = MessageToken, ["encoding_aes_key"] = EncodingAesKey,
        });
        var dataDirectory = Directory.CreateTempSubdirectory("tcbpush-push-").FullName;
        var server = await TestServer.StartAsync(seed, fakeClock ? new FakeTimeProvider() : null, configure, dataDirectory, postgres: postgres);
        return new PushHarness(sink, server, seed, configure, dataDirectory, postgres);
    }

    /// <summary>Stops the server and starts a new one on the same data folder and clock, as after a restart.</summary>
    public async Task RestartAsync(Func<Task>? whileStopped = null)
    {
        var time = Server.Time;
        await Server.DisposeAsync();
        if (whileStopped is not null)
        {
            await whileStopped();
        }
        Server = await TestServer.StartAsync(seed, time, configure, dataDirectory, postgres: postgres);
    }

    /// <summary>
    /// Starts another node beside <see cref="Server"/>: same seed, options (then <paramref name="adjust"/>), data folder
    /// (keys) and database, and the clock given.
    /// </summary>
    public Task<TestServer> StartNodeAsync(FakeTimeProvider? time = null, Action<TcbPushOptions>? adjust = null) =>
        TestServer.StartAsync(seed, time, options =>
        {
            configure(options);
            adjust?.Invoke(options);
        }, dataDirectory, postgres: postgres);

    /// <summary>Registers an env whose container and function base URLs are <paramref name="sinkPath"/> on the sink.</summary>
    public async Task AddEnvAsync(string env, string sinkPath) =>
        AssertOk(await Server.AdminAsync(HttpMethod.Post, "/admin/envs", new JsonObject
        {
            ["env"] = env, ["container_base_url"] = Sink.Url + sinkPath, ["function_base_url"] = Sink.Url + sinkPath,
        }));

    public Task SetContainerAsync(string appId, string env, string path, int textMode = 1) => SetConfigAsync(appId, new JsonObject
    {
        ["container_config"] = new JsonObject { ["enable"] = true, ["qbase_env"] = env, ["qbase_container_path"] = path, ["text_mode"] = textMode },
    });

    public Task SetFunctionAsync(string appId, string env, string msgType, string @event, string functionName) => SetConfigAsync(appId, new JsonObject
    {
        ["container_config"] = new JsonObject { ["enable"] = false },
        ["function_config"] = new JsonObject
        {
            ["enable"] = true,
            ["callbacks"] = new JsonArray(new JsonObject { ["msgType"] = msgType, ["event"] = @event, ["env"] = env, ["functionName"] = functionName }),
        },
    });

    public async Task SetConfigAsync(string appId, JsonObject config)
    {
        var token = await Server.TokenAsync(appId);
        AssertOk(await Server.PostJsonAsync($"/tcb/setcallbackconfig?access_token={token}", config));
    }

    /// <summary>Posts a body to <c>/push/{appid}</c> with the query given (no signature unless it carries one).</summary>
    public async Task<(int Status, string Body)> PushAsync(string appId, string body, string query = "")
    {
        using var content = new StringContent(body, Encoding.UTF8, body.TrimStart().StartsWith('<') ? "text/xml" : "application/json");
        using var response = await Server.Http.PostAsync($"/push/{appId}{query}", content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts a plaintext message signed with <see cref="MessageToken"/>, as WeChat does.</summary>
    public Task<(int Status, string Body)> PushSignedAsync(string appId, string body) => PushAsync(appId, body, SignedQuery());

    /// <summary>Posts a message in safe mode: encrypted for <paramref name="encryptFor"/>, wrapped in the body's own format, msg_signature'd.</summary>
    public Task<(int Status, string Body)> PushSafeAsync(string appId, string message, string? encryptFor = null, string? msgSignature = null)
    {
        var encrypted = new WeChatMessageCrypt(EncodingAesKey).Encrypt(message, encryptFor ?? appId);
        var envelope = message.TrimStart().StartsWith('<')
            ? $"<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>"
            : new JsonObject { ["ToUserName"] = "gh_0123456789ab", ["Encrypt"] = encrypted }.ToJsonString();
        var signature = msgSignature ?? MessageSignature.Compute(MessageToken, Timestamp, Nonce, encrypted);
        return PushAsync(appId, envelope, SignedQuery() + "&encrypt_type=aes&msg_signature=" + signature);
    }

    public static string SignedQuery(string token = MessageToken) =>
        $"?signature={MessageSignature.Compute(token, Timestamp, Nonce)}&timestamp={Timestamp}&nonce={Nonce}";

    public static string TextXml(string msgId, string content = "hi", string from = "oUser0001") =>
        $"<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName>" +
        $"<CreateTime>{Timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content>" +
        $"<MsgId>{msgId}</MsgId></xml>";

    public static string TextJson(string msgId, string content = "hi", string from = "oUser0001") =>
        $$"""{"ToUserName":"gh_0123456789ab","FromUserName":"{{from}}","CreateTime":{{Timestamp}},"MsgType":"text","Content":"{{content}}","MsgId":{{msgId}}}""";

    public static string EventXml(string @event, long createTime, string from = "oUser0001") =>
        $"<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName>" +
        $"<CreateTime>{createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[{@event}]]></Event>" +
        "<SessionFrom><![CDATA[]]></SessionFrom></xml>";

    /// <summary>Injects a simulated message through the admin API; returns the answer (errcode 0 asserted).</summary>
    public async Task<JsonObject> SimulateAsync(string appId, JsonObject body) =>
        AssertOk(await Server.AdminAsync(HttpMethod.Post, $"/admin/apps/{appId}/messages", body));

    public async Task<long> SimulateTextAsync(string appId, string content = "hello") =>
        (await SimulateAsync(appId, new JsonObject { ["type"] = "text", ["content"] = content }))["delivery_id"]!.GetValue<long>();

    public async Task<JsonArray> DeliveriesAsync(string query = "") =>
        AssertOk(await Server.AdminAsync(HttpMethod.Get, "/admin/deliveries" + query))["deliveries"]!.AsArray();

    /// <summary>The answer of <c>GET /admin/deliveries/{id}</c>: <c>delivery</c> and <c>attempts</c>.</summary>
    public async Task<JsonObject> DeliveryAsync(long id) => AssertOk(await Server.AdminAsync(HttpMethod.Get, $"/admin/deliveries/{id}"));

    /// <summary>Polls (real time, bounded) until the delivery satisfies <paramref name="condition"/>; returns it.</summary>
    public async Task<JsonObject> WaitForDeliveryAsync(long id, Func<JsonObject, bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var delivery = (await DeliveryAsync(id))["delivery"]!.AsObject();
            if (condition(delivery))
            {
                return delivery;
            }
            Assert.False(timeout.IsCancellationRequested, $"delivery {id} never became {what}: {delivery.ToJsonString()}");
            await Task.Delay(20, CancellationToken.None);
        }
    }

    public Task<JsonObject> WaitForStatusAsync(long id, string status, int attempts) =>
        WaitForDeliveryAsync(id, d => (string?)d["status"] == status && (int?)d["attempts"] == attempts, $"{status} after {attempts} attempts");

    public static JsonObject AssertOk(JsonObject answer)
    {
        Assert.True((int?)answer["errcode"] == 0, answer.ToJsonString());
        return answer;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Sink.DisposeAsync();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
