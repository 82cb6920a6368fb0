using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using TcbPush.Bench;
using TcbPush.Protocol.Crypto;
using TcbPush.Server.Startup;

// Config API and push router throughput, each figure as a ratio to a bare Kestrel endpoint measured in the same run (see bench/README.md).
// Usage: dotnet run -c Release --project bench/TcbPush.Bench -- [seconds=10] [connections=32]
var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var connections = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 32;
const string AppId = "wxbench000000001";
const string Token = "BenchToken1";
const string AdminKey = "bench-admin-key";
const string Timestamp = "1714036504";
const string Nonce = "1514711492";
var signature = MessageSignature.Compute(Token, Timestamp, Nonce);
var duration = TimeSpan.FromSeconds(seconds);

static byte[] Message(long i) => Encoding.UTF8.GetBytes(
    "<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[oBenchUser000000000000000001]]></FromUserName>" +
    $"<CreateTime>{Timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[bench message {i}]]></Content>" +
    $"<MsgId>{1_000_000_000_000_000 + i}</MsgId></xml>");

Console.WriteLine($"TcbPush bench: {seconds} s runs, {connections} connections, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
await using var bare = await BareKestrel.StartAsync();
using var load = new LoadGenerator(connections, duration);
using var warmUp = new LoadGenerator(connections, TimeSpan.FromSeconds(2));

await warmUp.RunAsync(_ => bare.Url + "/", Message, "text/xml");
var baseline = await load.RunAsync(_ => bare.Url + "/", Message, "text/xml");
Console.WriteLine($"bare Kestrel:      {baseline.PerSecond,9:0} req/s   ({baseline.Ok} in {baseline.Elapsed.TotalSeconds:0.0} s)");

// Config API: setcallbackconfig (validated, durably committed, versioned) and getcallbackconfig, one app per connection.
{
    var data = Directory.CreateTempSubdirectory("tcbpush-bench-").FullName;
    var seed = Path.Combine(data, "seed.json");
    var apps = Enumerable.Range(0, connections).Select(i => $"wxbenchcfg{i:x6}").ToArray();
    await File.WriteAllTextAsync(seed, new JsonObject
    {
        ["apps"] = new JsonArray(apps.Select(a => (JsonNode)new JsonObject { ["appid"] = a, ["secret"] = "bench-secret" }).ToArray()),
        ["envs"] = new JsonArray(new JsonObject { ["env"] = "bench-env", ["container_base_url"] = bare.Url, ["function_base_url"] = bare.Url }),
    }.ToJsonString());
    var server = await TcbPushApp.StartAsync(new TcbPushOptions { Urls = "http://127.0.0.1:0", DataDirectory = data, SeedFile = seed, AdminKey = AdminKey },
        TextWriter.Null, logging: l => l.ClearProviders());
    using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
    var tokens = new List<string>();
    foreach (var app in apps)
    {
        tokens.Add((await http.GetFromJsonAsync<JsonObject>($"/cgi-bin/token?grant_type=client_credential&appid={app}&secret=bench-secret"))!["access_token"]!.GetValue<string>());
    }
    static bool Ok(string text) => text.StartsWith("{\"errcode\":0,", StringComparison.Ordinal);
    static byte[] Config(long i) => Encoding.UTF8.GetBytes(
        "{\"function_config\":{\"enable\":true,\"callbacks\":[{\"msgType\":\"text\",\"env\":\"bench-env\",\"functionName\":\"onText" + i + "\"}," +
        "{\"msgType\":\"event\",\"event\":\"user_enter_tempsession\",\"env\":\"bench-env\",\"functionName\":\"onEnter\"}]}}");
    string SetUrl(long i) => $"{server.Url}/tcb/setcallbackconfig?access_token={tokens[(int)(i % tokens.Count)]}";
    string GetUrl(long i) => $"{server.Url}/tcb/getcallbackconfig?access_token={tokens[(int)(i % tokens.Count)]}";
    await warmUp.RunAsync(SetUrl, Config, "application/json", Ok);
    var sets = await load.RunAsync(SetUrl, Config, "application/json", Ok);
    Console.WriteLine($"setcallbackconfig: {sets.PerSecond,9:0} req/s   ({sets.Ok} ok, {sets.Failed} refused) = {sets.PerSecond / baseline.PerSecond:0.00} x bare");
    var gets = await load.RunAsync(GetUrl, _ => [], "application/json", Ok);
    Console.WriteLine($"getcallbackconfig: {gets.PerSecond,9:0} req/s   ({gets.Ok} ok, {gets.Failed} refused) = {gets.PerSecond / baseline.PerSecond:0.00} x bare");
    await server.DisposeAsync();
    Directory.Delete(data, recursive: true);
}

foreach (var perTarget in new[] { 4, 64 })
{
    var data = Directory.CreateTempSubdirectory("tcbpush-bench-").FullName;
    var seed = Path.Combine(data, "seed.json");
    await File.WriteAllTextAsync(seed, new JsonObject
    {
        ["apps"] = new JsonArray(new JsonObject { ["appid"] = AppId, ["secret"] = "bench-secret", ["token"] = Token }),
        ["envs"] = new JsonArray(new JsonObject { ["env"] = "bench-env", ["container_base_url"] = bare.Url, ["function_base_url"] = bare.Url }),
    }.ToJsonString());
    TcbPushOptions Options(int deliveries) => new()
    {
        Urls = "http://127.0.0.1:0",
        DataDirectory = data,
        SeedFile = seed,
        AdminKey = AdminKey,
        Push = { MaxConcurrentDeliveries = deliveries, MaxConcurrentPerTarget = perTarget },
    };

    // Ingress: every message durably stored with its pending delivery; the worker is held (0 slots) so that it does not compete.
    long ingested;
    await using (var server = await TcbPushApp.StartAsync(Options(deliveries: 0), TextWriter.Null, logging: l => l.ClearProviders()))
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        var token = (await http.GetFromJsonAsync<JsonObject>($"/cgi-bin/token?grant_type=client_credential&appid={AppId}&secret=bench-secret"))!["access_token"]!;
        using var set = await http.PostAsync($"/tcb/setcallbackconfig?access_token={token}", new StringContent(
            """{"container_config":{"enable":true,"qbase_env":"bench-env","qbase_container_path":"/sink","text_mode":1}}"""));
        var answer = await set.Content.ReadAsStringAsync();
        if (!answer.Contains("\"errcode\":0", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"setcallbackconfig failed: {answer}");
        }
        var pushUrl = $"{server.Url}/push/{AppId}?signature={signature}&timestamp={Timestamp}&nonce={Nonce}";
        var warm = await warmUp.RunAsync(_ => pushUrl, i => Message(500_000_000 + i), "text/xml");
        var ingress = await load.RunAsync(_ => pushUrl, Message, "text/xml");
        ingested = warm.Ok + ingress.Ok;
        Console.WriteLine($"ingress:           {ingress.PerSecond,9:0} msg/s   ({ingress.Ok} stored, {ingress.Failed} refused) = {ingress.PerSecond / baseline.PerSecond:0.00} x bare");
    }

    // Delivery: a new process life on the same data folder drains the stored backlog to the sink (the bare endpoint).
    bare.Reset();
    await using (var server = await TcbPushApp.StartAsync(Options(deliveries: 64), TextWriter.Null, logging: l => l.ClearProviders()))
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        while (bare.Received < ingested && !timeout.IsCancellationRequested)
        {
            await Task.Delay(50);
        }
        var rate = (bare.Received - 1) / bare.Span.TotalSeconds;
        var span = bare.Span;
        await Task.Delay(500); // anything arriving now would be a duplicate delivery
        Console.WriteLine($"delivery ({perTarget,2}/target): {rate,9:0} msg/s   ({bare.Received} received for {ingested} stored, in {span.TotalSeconds:0.0} s) = {rate / baseline.PerSecond:0.00} x bare");
    }
    Directory.Delete(data, recursive: true);
}
