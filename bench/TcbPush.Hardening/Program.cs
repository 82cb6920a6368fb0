using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using TcbPush.Hardening;
using TcbPush.Protocol.Crypto;
using TcbPush.Server.Startup;

// The hardening figures of bench/README.md: what a hostile or unlucky load costs TcbPush and its other clients.
// Usage: dotnet bench/TcbPush.Hardening/bin/Release/net10.0/TcbPush.Hardening.dll [deep-xml|slow-uploads|hanging-targets|connections|all]
var only = args.Length > 0 ? args[0] : "all";
const string AdminKey = "hardening-admin-key";
const string MessageToken = "HardeningToken1";
const string Secret = "hardening-secret";
const string Timestamp = "1714036504";
const string Nonce = "1514711492";
var signature = MessageSignature.Compute(MessageToken, Timestamp, Nonce);
Console.WriteLine($"TcbPush hardening: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}");

if (only is "all" or "deep-xml")
{
    await using var server = await ServerAsync(["wxharden00000001"], sinkUrl: "http://127.0.0.1:9");
    using var http = new HttpClient { BaseAddress = new Uri(server.App.Url), Timeout = TimeSpan.FromMinutes(5) };
    foreach (var depth in new[] { 100_000, 140_000 })
    {
        var body = Encoding.ASCII.GetBytes("<xml>" + string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth)) + "</xml>");
        foreach (var signed in new[] { false, true })
        {
            var url = $"/push/wxharden00000001?signature={(signed ? signature : "0000")}&timestamp={Timestamp}&nonce={Nonce}";
            const int Requests = 10;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var status = 0;
            for (var i = 0; i < Requests; i++)
            {
                using var response = await http.PostAsync(url, new ByteArrayContent(body));
                status = (int)response.StatusCode;
            }
            var cpuPer = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / Requests;
            Console.WriteLine($"deep XML, {depth:N0} deep ({body.Length / 1024} KiB), {(signed ? "signed  " : "unsigned")}: HTTP {status}, " +
                              $"{cpuPer:0.0} ms CPU and {wall.Elapsed.TotalMilliseconds / Requests:0.0} ms wall per request (server and client)");
        }
    }
}

if (only is "all" or "slow-uploads")
{
    const string App = "wxharden00000001";
    await using var server = await ServerAsync([App], sinkUrl: "http://127.0.0.1:9");
    using var http = new HttpClient { BaseAddress = new Uri(server.App.Url), Timeout = TimeSpan.FromSeconds(30) };
    var pushPath = $"/push/{App}?signature={signature}&timestamp={Timestamp}&nonce={Nonce}";
    foreach (var slow in new[] { 0, 2000 })
    {
        await using var uploaders = new SlowUploaders(new Uri(server.App.Url), pushPath, slow, bodyBytes: 1024 * 1024, bytesPerSecond: 300);
        await uploaders.StartAsync();
        var latencies = new Latencies();
        var failed = 0;
        var watch = Stopwatch.StartNew();
        for (long i = 0; watch.Elapsed < TimeSpan.FromSeconds(15); i++)
        {
            var one = Stopwatch.StartNew();
            try
            {
                using var response = i % 2 == 0
                    ? await http.PostAsync($"/tcb/getcallbackconfig?access_token={server.Tokens[App]}", new StringContent("{}"))
                    : await http.PostAsync(pushPath, new ByteArrayContent(Message(App, i)));
                var text = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode || !(text == "success" || text.StartsWith("{\"errcode\":0", StringComparison.Ordinal)))
                {
                    failed++;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                failed++;
            }
            latencies.Add(one.Elapsed);
        }
        Console.WriteLine($"fast client beside {slow,4} slow 1 MiB uploads at 300 B/s ({uploaders.Open} open at the end, {uploaders.Cut} cut by the server): " +
                          $"{latencies}, {failed} failed");
    }
}

if (only is "all" or "hanging-targets")
{
    var sink = await Sink.StartAsync();
    await using var _ = sink;
    var hangingApps = Enumerable.Range(0, 40).Select(i => $"wxhang{i:x10}").ToArray();
    const string Healthy = "wxhealthy0000001";
    await using var server = await ServerAsync([.. hangingApps, Healthy], sink.Url);
    using var http = new HttpClient { BaseAddress = new Uri(server.App.Url), Timeout = TimeSpan.FromSeconds(30) };
    for (var i = 0; i < hangingApps.Length; i++)
    {
        await server.ConfigureContainerAsync(http, hangingApps[i], $"/hang/{i}");
    }
    await server.ConfigureContainerAsync(http, Healthy, "/ok");
    long msgId = 0;
    foreach (var app in hangingApps)
    {
        for (var m = 0; m < 10; m++)
        {
            await PushAsync(http, app, ++msgId);
        }
    }
    var acknowledged = new Dictionary<string, DateTimeOffset>();
    for (var m = 0; m < 20; m++)
    {
        var id = ++msgId;
        await PushAsync(http, Healthy, id);
        acknowledged[(1_000_000_000_000_000 + id).ToString(CultureInfo.InvariantCulture)] = DateTimeOffset.UtcNow;
        await Task.Delay(250);
    }
    var deadline = Stopwatch.StartNew();
    while (acknowledged.Keys.Any(id => !sink.Arrivals.ContainsKey(id)) && deadline.Elapsed < TimeSpan.FromMinutes(2))
    {
        await Task.Delay(50);
    }
    var latencies = new Latencies();
    foreach (var (id, at) in acknowledged)
    {
        if (sink.Arrivals.TryGetValue(id, out var arrived))
        {
            latencies.Add(arrived - at);
        }
    }
    Console.WriteLine($"healthy target beside 40 hanging targets x 10 messages ({sink.Hanging} requests hanging at the end): " +
                      $"ingress answer to arrival {latencies}, {acknowledged.Count - latencies.Count} of {acknowledged.Count} not arrived");
}

if (only is "all" or "connections")
{
    var apps = Enumerable.Range(0, 32).Select(i => $"wxconn{i:x10}").ToArray();
    await using var server = await ServerAsync(apps, sinkUrl: "http://127.0.0.1:9");
    foreach (var connections in new[] { 32, 3000 })
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseProxy = false })
        { BaseAddress = new Uri(server.App.Url), Timeout = TimeSpan.FromSeconds(30) };
        long next = 0, ok = 0, overloaded = 0, failed = 0;
        var watch = Stopwatch.StartNew();
        var duration = TimeSpan.FromSeconds(10);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            while (watch.Elapsed < duration)
            {
                var i = Interlocked.Increment(ref next);
                try
                {
                    using var response = await client.PostAsync($"/tcb/setcallbackconfig?access_token={server.Tokens[apps[i % apps.Length]]}",
                        new StringContent("{\"function_config\":{\"enable\":true,\"callbacks\":[{\"msgType\":\"text\",\"env\":\"hardening-env\",\"functionName\":\"f" + i + "\"}]}}"));
                    var text = await response.Content.ReadAsStringAsync();
                    if (text.StartsWith("{\"errcode\":0,", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref ok);
                    }
                    else
                    {
                        Interlocked.Increment(ref text.StartsWith("{\"errcode\":-1,", StringComparison.Ordinal) ? ref overloaded : ref failed);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })));
        Console.WriteLine($"setcallbackconfig over {connections,4} connections: {ok / watch.Elapsed.TotalSeconds,7:0} ok/s " +
                          $"({ok} ok, {overloaded} answered -1 (busy), {failed} other failures, in {watch.Elapsed.TotalSeconds:0.0} s)");
    }
}

async Task<HardeningServer> ServerAsync(string[] apps, string sinkUrl)
{
    var data = Directory.CreateTempSubdirectory("tcbpush-hardening-").FullName;
    var seed = Path.Combine(data, "seed.json");
    await File.WriteAllTextAsync(seed, new JsonObject
    {
        ["apps"] = new JsonArray(apps.Select(a => (JsonNode)new JsonObject { ["appid"] = a, ["secret"] = Secret, ["token"] = MessageToken }).ToArray()),
        ["envs"] = new JsonArray(new JsonObject { ["env"] = "hardening-env", ["container_base_url"] = sinkUrl, ["function_base_url"] = sinkUrl }),
    }.ToJsonString());
    var app = await TcbPushApp.StartAsync(new TcbPushOptions { Urls = "http://127.0.0.1:0", DataDirectory = data, SeedFile = seed, AdminKey = AdminKey, PathCheck = false },
        TextWriter.Null, logging: l => l.ClearProviders());
    using var http = new HttpClient { BaseAddress = new Uri(app.Url) };
    var tokens = new Dictionary<string, string>();
    foreach (var appId in apps)
    {
        var answer = await http.GetFromJsonAsync<JsonObject>($"/cgi-bin/token?grant_type=client_credential&appid={appId}&secret={Secret}");
        tokens[appId] = answer!["access_token"]!.GetValue<string>();
    }
    return new HardeningServer(app, data, tokens);
}

async Task PushAsync(HttpClient http, string app, long id)
{
    using var response = await http.PostAsync($"/push/{app}?signature={signature}&timestamp={Timestamp}&nonce={Nonce}", new ByteArrayContent(Message(app, id)));
    var text = await response.Content.ReadAsStringAsync();
    if (text != "success")
    {
        throw new InvalidOperationException($"push to {app} answered {(int)response.StatusCode} {text}");
    }
}

static byte[] Message(string app, long i) => Encoding.UTF8.GetBytes(
    $"<xml><ToUserName><![CDATA[{app}]]></ToUserName><FromUserName><![CDATA[oHardeningUser0000000000001]]></FromUserName>" +
    $"<CreateTime>{Timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[message {i}]]></Content>" +
    $"<MsgId>{1_000_000_000_000_000 + i}</MsgId></xml>");

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
