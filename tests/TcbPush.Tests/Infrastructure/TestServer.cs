using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TcbPush.Server.Startup;

namespace TcbPush.Tests.Infrastructure;

/// <summary>A real TcbPush server on a loopback port with its own data folder, optionally on fake time.</summary>
public sealed class TestServer : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key";
    private readonly RunningServer server;
    private readonly bool ownsData;

    private TestServer(RunningServer server, TcbPushOptions options, FakeTimeProvider? time, bool ownsData)
    {
        this.server = server;
        this.ownsData = ownsData;
        Options = options;
        Time = time;
        Http = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(30) };
    }

    public TcbPushOptions Options { get; }

    /// <summary>The fake clock, when the server was started on one.</summary>
    public FakeTimeProvider? Time { get; }

    public HttpClient Http { get; }

    public string Url => server.Url;

    public IServiceProvider Services => server.Services;

    /// <summary>
    /// Starts a server; <paramref name="seed"/> is written to a seed file, <paramref name="configure"/> adjusts options.
    /// With <paramref name="postgres"/> (a connection string) it stores in PostgreSQL instead of SQLite.
    /// </summary>
    public static async Task<TestServer> StartAsync(JsonNode? seed = null, FakeTimeProvider? time = null,
        Action<TcbPushOptions>? configure = null, string? dataDirectory = null, ILoggerProvider? logs = null, string? postgres = null)
    {
        var ownsData = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("tcbpush-test-").FullName;
        var options = new TcbPushOptions
        {
            Urls = "http://127.0.0.1:0",
            DataDirectory = dataDirectory,
            AdminKey = AdminKey,
        };
        if (postgres is not null)
        {
            options.Storage = "postgres";
            options.ConnectionString = postgres;
        }
        if (seed is not null)
        {
            options.SeedFile = Path.Combine(dataDirectory, "seed.json");
            await File.WriteAllTextAsync(options.SeedFile, seed.ToJsonString());
        }
        configure?.Invoke(options);
        var running = await TcbPushApp.StartAsync(options, TextWriter.Null, time, logging =>
        {
            logging.ClearProviders();
            if (logs is not null)
            {
                logging.SetMinimumLevel(LogLevel.Trace);
                logging.AddProvider(logs);
            }
        });
        return new TestServer(running, options, time, ownsData);
    }

    /// <summary>A seed with one app per appid given, secret <c>secret-APPID</c>, and envs pointing at <paramref name="sinkUrl"/>.</summary>
    public static JsonObject Seed(string sinkUrl, params string[] appIds) => new()
    {
        ["apps"] = new JsonArray(appIds.Select(id => (JsonNode)new JsonObject { ["appid"] = id, ["secret"] = "secret-" + id }).ToArray()),
        ["envs"] = new JsonArray(
            new JsonObject { ["env"] = "env-ok", ["container_base_url"] = sinkUrl + "/ok", ["function_base_url"] = sinkUrl + "/fn" },
            new JsonObject { ["env"] = "env-fail", ["container_base_url"] = sinkUrl + "/fail", ["function_base_url"] = sinkUrl + "/fail" }),
    };

    public async Task<string> TokenAsync(string appId, string? secret = null)
    {
        var body = await GetJsonAsync($"/cgi-bin/token?grant_type=client_credential&appid={appId}&secret={secret ?? "secret-" + appId}");
        return body["access_token"]?.GetValue<string>() ?? throw new InvalidOperationException($"no token: {body.ToJsonString()}");
    }

    public async Task<JsonObject> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        return await ReadObjectAsync(response);
    }

    public async Task<JsonObject> PostJsonAsync(string path, object? body)
    {
        using var content = body switch
        {
            null => new ByteArrayContent([]),
            string text => new StringContent(text),
            byte[] bytes => new ByteArrayContent(bytes),
            JsonNode node => new StringContent(node.ToJsonString()),
            _ => (HttpContent)JsonContent.Create(body),
        };
        using var response = await Http.PostAsync(path, content);
        return await ReadObjectAsync(response);
    }

    public async Task<JsonObject> AdminAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", AdminKey);
        request.Content = body switch
        {
            null => null,
            string text => new StringContent(text),
            JsonNode node => new StringContent(node.ToJsonString()),
            _ => JsonContent.Create(body),
        };
        using var response = await Http.SendAsync(request);
        return await ReadObjectAsync(response);
    }

    public static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true }) as JsonObject
               ?? throw new InvalidOperationException($"not a JSON object: {text}");
    }

    /// <summary>Stops this server and starts a new one on the same data folder (and clock), which it then owns.</summary>
    public async Task<TestServer> RestartAsync(Action<TcbPushOptions>? configure = null)
    {
        Http.Dispose();
        await server.DisposeAsync();
        configure?.Invoke(Options);
        var restarted = await TcbPushApp.StartAsync(Options, TextWriter.Null, Time, logging => logging.ClearProviders());
        return new TestServer(restarted, Options, Time, ownsData);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await server.DisposeAsync();
        if (ownsData)
        {
            try
            {
                Directory.Delete(Options.DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }
}
