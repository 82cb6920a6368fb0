using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using TcbPush.Bench;
using TcbPush.Protocol.Crypto;
using TcbPush.Server.Startup;
using TcbPush.Tests.Infrastructure;

// Every row of bench/README.md in one run, each throughput as a ratio to a bare Kestrel endpoint measured in the same run.
// Usage: TcbPush.Bench [seconds=10] [connections=32] [--published DIR] [--idle SECONDS=60] [--postgres [--pg-sample]] [--only ROWS] [--env K=V]...
// (bench/run.sh builds, publishes and runs it with --published.)
var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var seconds = positional.Count > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 10;
var connections = positional.Count > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 32;
var published = Option("--published");
var idleSeconds = Option("--idle") is { } idle ? int.Parse(idle, CultureInfo.InvariantCulture) : 60;
var withPostgres = args.Contains("--postgres");
// --pg-sample: during each PostgreSQL row, what the backends wait on (pg_stat_activity, pg_locks) and where the CPU went.
var pgSample = args.Contains("--pg-sample");
// --only config,ingress,published (default: every row); --env KEY=VALUE (repeatable) is set for the published process.
var only = Option("--only")?.Split(',') ?? ["config", "ingress", "postgres", "published"];
var publishedEnvironment = args.Select((a, i) => (a, i)).Where(p => p.a == "--env" && p.i + 1 < args.Length)
    .Select(p => args[p.i + 1].Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
const string AppId = "wxbench000000001";
const string Token = "BenchToken1";
const string AdminKey = "bench-admin-key";
const string Timestamp = "1714036504";
const string Nonce = "1514711492";
var signature = MessageSignature.Compute(Token, Timestamp, Nonce);
var duration = TimeSpan.FromSeconds(seconds);
var rows = new List<(string Name, double PerSecond, double Bare, double P50, double P99, string Note)>();
var process = new List<string>();
var pgActivity = new List<string>();

static byte[] Message(long i) => MessageFrom(i, 1);
// Message i from user i % users: each user's messages number into that user's conversation (one row each).
static byte[] MessageFrom(long i, int users) => Encoding.UTF8.GetBytes(
    $"<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[oBenchUser{1 + i % users:D18}]]></FromUserName>" +
    $"<CreateTime>{Timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[bench message {i}]]></Content>" +
    $"<MsgId>{1_000_000_000_000_000 + i}</MsgId></xml>");
static bool Ok(string text) => text.StartsWith("{\"errcode\":0,", StringComparison.Ordinal);
static byte[] Config(long i) => Encoding.UTF8.GetBytes(
    "{\"function_config\":{\"enable\":true,\"callbacks\":[{\"msgType\":\"text\",\"env\":\"bench-env\",\"functionName\":\"onText" + i + "\"}," +
    "{\"msgType\":\"event\",\"event\":\"user_enter_tempsession\",\"env\":\"bench-env\",\"functionName\":\"onEnter\"}]}}");

Console.WriteLine($"TcbPush bench: {seconds} s runs, {connections} connections, {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
                  $"load average {File.ReadAllText("/proc/loadavg").Trim()}");
await using var bare = await BareKestrel.StartAsync();
using var load = new LoadGenerator(connections, duration);
// Each server is new, the baseline's is not: 5 s of its own workload first, so that the JIT's tiers are done.
using var warmUp = new LoadGenerator(connections, TimeSpan.FromSeconds(5));

await warmUp.RunAsync(_ => bare.Url + "/", Message, "text/xml");
LoadResult baseline = null!;
await BaselineAsync();

// The machine's speed drifts from minute to minute (other work shares its cores), so every throughput row is divided by
// a bare Kestrel run made right before it, not by one made at the start.
async Task BaselineAsync()
{
    baseline = await load.RunAsync(_ => bare.Url + "/", Message, "text/xml");
    Console.WriteLine($"{"  bare Kestrel",-40} {baseline.PerSecond,8:0}/s   p50 {baseline.P50,6:0.00} ms  p99 {baseline.P99,7:0.00} ms");
    if (rows.Count == 0)
    {
        Report("bare Kestrel", baseline, "the first baseline");
    }
}

void Report(string name, LoadResult result, string note) => Row(name, result.PerSecond, result.P50, result.P99, $"({result.Ok} ok, {result.Failed} refused)", note);

void Row(string name, double perSecond, double p50, double p99, string counts, string note)
{
    rows.Add((name, perSecond, baseline.PerSecond, p50, p99, note));
    Console.WriteLine($"{name,-40} {perSecond,8:0}/s  = {perSecond / baseline.PerSecond,4:0.00} x bare   " +
                      (double.IsNaN(p50) ? "" : $"p50 {p50,6:0.00} ms  p99 {p99,7:0.00} ms  ") + $"{counts} {note}");
}

async Task<(string Data, string Seed)> SeedAsync(IEnumerable<string> appIds, string? token)
{
    var data = Directory.CreateTempSubdirectory("tcbpush-bench-").FullName;
    var seed = Path.Combine(data, "seed.json");
    await File.WriteAllTextAsync(seed, new JsonObject
    {
        ["apps"] = new JsonArray(appIds.Select(a => (JsonNode)new JsonObject { ["appid"] = a, ["secret"] = "bench-secret", ["token"] = token }).ToArray()),
        ["envs"] = new JsonArray(new JsonObject { ["env"] = "bench-env", ["container_base_url"] = bare.Url, ["function_base_url"] = bare.Url }),
    }.ToJsonString());
    return (data, seed);
}

async Task<string> TokenAsync(string url, string appId)
{
    using var http = new HttpClient();
    return (await http.GetFromJsonAsync<JsonObject>($"{url}/cgi-bin/token?grant_type=client_credential&appid={appId}&secret=bench-secret"))!["access_token"]!
        .GetValue<string>();
}

async Task SetContainerAsync(string url, string token)
{
    using var http = new HttpClient();
    using var set = await http.PostAsync($"{url}/tcb/setcallbackconfig?access_token={token}", new StringContent(
        """{"container_config":{"enable":true,"qbase_env":"bench-env","qbase_container_path":"/sink","text_mode":1}}"""));
    var answer = await set.Content.ReadAsStringAsync();
    if (!answer.Contains("\"errcode\":0", StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"setcallbackconfig failed: {answer}");
    }
}

// Config API: setcallbackconfig (validated, durably committed, versioned) one app per connection and all connections on
// one app; getcallbackconfig; then each again paced at half its peak rate for the latency percentiles.
if (only.Contains("config"))
{
    var apps = Enumerable.Range(0, connections).Select(i => $"wxbenchcfg{i:x6}").ToArray();
    var (data, seed) = await SeedAsync(apps, token: null);
    var server = await TcbPushApp.StartAsync(new TcbPushOptions { Urls = "http://127.0.0.1:0", DataDirectory = data, SeedFile = seed, AdminKey = AdminKey },
        TextWriter.Null, logging: l => l.ClearProviders());
    var tokens = new List<string>();
    foreach (var app in apps)
    {
        tokens.Add(await TokenAsync(server.Url, app));
    }
    string SetUrl(long i) => $"{server.Url}/tcb/setcallbackconfig?access_token={tokens[(int)(i % tokens.Count)]}";
    string SetOneUrl(long i) => $"{server.Url}/tcb/setcallbackconfig?access_token={tokens[0]}";
    string GetUrl(long i) => $"{server.Url}/tcb/getcallbackconfig?access_token={tokens[(int)(i % tokens.Count)]}";
    await warmUp.RunAsync(SetUrl, Config, "application/json", Ok);
    await BaselineAsync();
    var sets = await load.RunAsync(SetUrl, Config, "application/json", Ok);
    Report($"setcallbackconfig, {connections} apps", sets, "durable, versioned");
    await BaselineAsync();
    var setsOne = await load.RunAsync(SetOneUrl, Config, "application/json", Ok);
    Report($"setcallbackconfig, {connections} conns on 1 app", setsOne, "queued sets merged per commit");
    await warmUp.RunAsync(GetUrl, _ => [], "application/json", Ok);
    await BaselineAsync();
    var gets = await load.RunAsync(GetUrl, _ => [], "application/json", Ok);
    Report("getcallbackconfig", gets, "");
    Report("getcallbackconfig at half peak", await load.RunAsync(GetUrl, _ => [], "application/json", Ok, rate: gets.PerSecond / 2), "paced");
    Report($"setcallbackconfig at half peak", await load.RunAsync(SetUrl, Config, "application/json", Ok, rate: sets.PerSecond / 2), "paced");
    await server.DisposeAsync();
    Directory.Delete(data, recursive: true);
}

foreach (var perTarget in only.Contains("ingress") ? [4, 64] : Array.Empty<int>())
{
    var (data, seed) = await SeedAsync([AppId], Token);
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
        await SetContainerAsync(server.Url, await TokenAsync(server.Url, AppId));
        var pushUrl = $"{server.Url}/push/{AppId}?signature={signature}&timestamp={Timestamp}&nonce={Nonce}";
        var warm = await warmUp.RunAsync(_ => pushUrl, i => Message(500_000_000 + i), "text/xml");
        await BaselineAsync();
        var ingress = await load.RunAsync(_ => pushUrl, Message, "text/xml");
        Report("ingress (SQLite)", ingress, "durable, signed, routed");
        ingested = warm.Ok + ingress.Ok;
        if (perTarget == 4)
        {
            var paced = await load.RunAsync(_ => pushUrl, i => Message(700_000_000 + i), "text/xml", rate: ingress.PerSecond / 2);
            Report("ingress at half peak", paced, "paced");
            ingested += paced.Ok;
        }
    }

    // Delivery: a new process life on the same data folder drains the stored backlog to the sink (the bare endpoint).
    await BaselineAsync();
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
        Row($"delivery ({perTarget}/target)", rate, double.NaN, double.NaN, $"(in {span.TotalSeconds:0.0} s)", $"{bare.Received} received for {ingested} stored");
    }
    Directory.Delete(data, recursive: true);
}

// PostgreSQL ingress, one node and two nodes on one database (the load split evenly between them), with every message
// from one user (all of them numbered into one conversation row) and from 1 000 users (message i from user i % 1000).
if (withPostgres && only.Contains("postgres"))
{
    var postgres = await PostgresServer.SharedAsync();
    var samples = new List<string>();
    foreach (var (users, nodes) in new[] { (1, 1), (1, 2), (1000, 1), (1000, 2) })
    {
        var (data, seed) = await SeedAsync([AppId], Token);
        var connection = await postgres.CreateDatabaseAsync();
        var servers = new List<RunningServer>();
        for (var n = 0; n < nodes; n++)
        {
            servers.Add(await TcbPushApp.StartAsync(new TcbPushOptions
            {
                Urls = "http://127.0.0.1:0", DataDirectory = data, SeedFile = seed, AdminKey = AdminKey, Storage = "postgres", ConnectionString = connection,
                Push = { MaxConcurrentDeliveries = 0 },
            }, TextWriter.Null, logging: l => l.ClearProviders()));
        }
        await SetContainerAsync(servers[0].Url, await TokenAsync(servers[0].Url, AppId));
        string PushUrl(long i) => $"{servers[(int)(i % nodes)].Url}/push/{AppId}?signature={signature}&timestamp={Timestamp}&nonce={Nonce}";
        await warmUp.RunAsync(PushUrl, i => MessageFrom(500_000_000 + i, users), "text/xml");
        var name = $"ingress (PostgreSQL, {nodes} node{(nodes == 1 ? "" : "s")}, {users} user{(users == 1 ? "" : "s")})";
        await BaselineAsync();
        var sampler = pgSample ? PostgresActivitySampler.Start(connection) : null;
        Report(name, await load.RunAsync(PushUrl, i => MessageFrom(i, users), "text/xml"), "one database");
        if (sampler is not null)
        {
            string[] sampled = [$"{name}, pg_stat_activity:", .. await sampler.StopAsync()];
            await sampler.DisposeAsync();
            Console.WriteLine(string.Join(Environment.NewLine, sampled));
            samples.AddRange(sampled);
        }
        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }
        Directory.Delete(data, recursive: true);
    }
    pgActivity.AddRange(samples);
    await PostgresServer.StopSharedAsync();
}

// The published executable in a process of its own: start-to-ready, and its resident set under ingress load and idle.
if (published is not null && only.Contains("published"))
{
    var executable = Path.Combine(published, "tcbpush");
    var (data, seed) = await SeedAsync([AppId], Token);
    var starts = new List<double>();
    for (var i = 0; i < 6; i++)
    {
        await using var server = await PublishedServer.StartAsync(executable, data, seed, AdminKey, publishedEnvironment);
        starts.Add(server.StartToReady.TotalSeconds);
    }
    var restarts = starts.Skip(1).Order().ToList();
    process.Add($"start-to-ready: first start {starts[0]:0.000} s (creates the database and keys), restarts median {restarts[restarts.Count / 2]:0.000} s " +
                $"(min {restarts[0]:0.000}, max {restarts[^1]:0.000})");
    // Its delivery worker runs (serve cannot hold it), delivering to the bare endpoint: RSS under ingress and delivery together.
    await using (var server = await PublishedServer.StartAsync(executable, data, seed, AdminKey, publishedEnvironment))
    {
        await SetContainerAsync(server.Url, await TokenAsync(server.Url, AppId));
        var pushUrl = $"{server.Url}/push/{AppId}?signature={signature}&timestamp={Timestamp}&nonce={Nonce}";
        var ready = server.Rss;
        var peak = server.RssMiB;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, server.RssMiB);
                await Task.Delay(100, CancellationToken.None);
            }
        });
        var ingress = await load.RunAsync(_ => pushUrl, i => Message(900_000_000 + i), "text/xml");
        await sampling.CancelAsync();
        await sampler;
        var afterLoad = server.Rss;
        await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
        process.Add($"RSS (published, own process): ready {ready}, peak under ingress load {peak:0} MiB ({ingress.PerSecond:0} msg/s), " +
                    $"right after {afterLoad}, after {idleSeconds} s idle {server.Rss}");
    }
    Directory.Delete(data, recursive: true);
}

Console.WriteLine();
Console.WriteLine("| row | per second | bare run before it | ratio to bare | p50 ms | p99 ms | note |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var (name, perSecond, bareRate, p50, p99, note) in rows)
{
    static string Ms(double v) => double.IsNaN(v) ? "" : v.ToString("0.00", CultureInfo.InvariantCulture);
    Console.WriteLine($"| {name} | {perSecond:0} | {bareRate:0} | {perSecond / bareRate:0.00} | {Ms(p50)} | {Ms(p99)} | {note} |");
}
foreach (var line in process)
{
    Console.WriteLine($"- {line}");
}
foreach (var line in pgActivity)
{
    Console.WriteLine(line);
}
Console.WriteLine($"- load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
