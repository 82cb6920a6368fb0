using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using TcbPush.Server.Apps;
using TcbPush.Server.CallbackConfig;
using TcbPush.Server.Component;
using TcbPush.Server.Conversations;
using TcbPush.Server.Console;
using TcbPush.Server.Credentials;
using TcbPush.Server.Push;
using TcbPush.Server.Push.Ingress;
using TcbPush.Server.Secrets;
using TcbPush.Server.Seed;
using TcbPush.Server.Storage;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Startup;

/// <summary>Builds and starts a TcbPush server: the one wiring used by <c>tcbpush serve</c> and by the tests.</summary>
public static class TcbPushApp
{
    /// <summary>
    /// Opens storage, applies the seed, starts listening and returns once <c>/healthz</c> answers 200.
    /// <paramref name="time"/> replaces the clock (tests); <paramref name="output"/> receives the start-up lines.
    /// </summary>
    public static async Task<RunningServer> StartAsync(TcbPushOptions options, TextWriter output, TimeProvider? time = null,
        Action<ILoggingBuilder>? logging = null)
    {
        var phases = new StartupPhases();
        if (!options.InMemory)
        {
            PrivateFile.CreateDirectory(options.DataDirectory);
        }
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => ConnectionLimits.Apply(kestrel, options));
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.Warning);
        // A failed start (port in use) is reported by `serve` in one line; the host would log it again with a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        ConfigureLogging(builder.Logging, options);
        logging?.Invoke(builder.Logging);
        phases.Mark("host builder");
        AddServices(builder.Services, options, time ?? TimeProvider.System);
        phases.Mark("services");

        var app = builder.Build();
        phases.Mark("build");
        app.UseMiddleware<RequestLog>();
        app.UseMiddleware<ErrorEnvelopeMiddleware>();
        app.UseMiddleware<BodyPrefetchMiddleware>();
        app.UseRateLimiter();
        app.MapGet("/healthz", (Readiness readiness) => readiness.IsReady
            ? Results.Text("ok")
            : Results.Text("starting", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/readyz", (ReadinessProbe probe) => probe.CheckAsync());
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapPush();
        app.MapCredentials();
        app.MapCallbackConfig();
        app.MapCustomService();
        app.MapComponents();
        app.MapAdmin();
        app.MapConsole();
        if (options.Demo)
        {
            app.Services.GetRequiredService<DemoSetup>().MapEcho(app);
        }
        phases.Mark("endpoints");

        try
        {
            await CheckMasterKeyAsync(app.Services.GetRequiredService<IStorageBackend>(), app.Services.GetRequiredService<MasterKey>());
            phases.Mark("storage and master key");
            if (options.SeedFile is not null)
            {
                await app.Services.GetRequiredService<SeedLoader>().LoadAsync(options.SeedFile);
                phases.Mark("seed");
            }
            await app.StartAsync();
            phases.Mark("listen");
            var url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            if (options.Demo)
            {
                await app.Services.GetRequiredService<DemoSetup>().RegisterAsync(url);
            }
            var adminKey = app.Services.GetRequiredService<AdminKey>();
            if (adminKey.Generated)
            {
                var kept = options.InMemory ? "kept in memory" : $"stored in {Path.Combine(options.DataDirectory, "admin.key")}";
                await output.WriteLineAsync($"Generated admin key ({kept}, shown once): {adminKey.Value}");
            }
            var shownKey = adminKey.Generated ? adminKey.Value : "YOUR_ADMIN_KEY";
            if (!options.Demo && !options.Quiet && (await app.Services.GetRequiredService<IAppStore>().ListAsync()).Count == 0)
            {
                await output.WriteLineAsync(FirstStart.NextSteps(url, shownKey));
            }
            if (options.Demo && !options.Quiet)
            {
                await output.WriteLineAsync(DemoSetup.Instructions(url, shownKey));
            }
            app.Services.GetRequiredService<Readiness>().MarkReady(app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
            phases.Mark("ready");
            var startupLog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TcbPushApp));
            if (startupLog.IsEnabled(LogLevel.Debug))
            {
                startupLog.LogDebug("Start-up phases, wall/CPU ms: {Phases}", phases.Summary());
            }
            if (!options.Quiet)
            {
                await output.WriteLineAsync($"TcbPush listening on {url}");
            }
            await output.FlushAsync();
            return new RunningServer(app, url);
        }
        catch
        {
            // A refused seed or an unusable data folder must not leave the database or the port open.
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The database remembers the fingerprint of the master key its secrets were sealed with; a node started with
    /// another key would answer every token and secret check wrongly, so it refuses to start.
    /// </summary>
    private static async Task CheckMasterKeyAsync(IStorageBackend storage, MasterKey key)
    {
        var fingerprint = key.Fingerprint();
        var recorded = await storage.RecordMasterKeyFingerprintAsync(fingerprint);
        if (!string.Equals(recorded, fingerprint, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"the master key (fingerprint {fingerprint}) is not the one this database was created with (fingerprint {recorded}); " +
                $"start with that key ({MasterKey.EnvironmentVariable} or master.key in the data folder)");
        }
    }

    private static void ConfigureLogging(ILoggingBuilder logging, TcbPushOptions options)
    {
        logging.ClearProviders();
        if (options.LogFormat == "json")
        {
            logging.AddJsonConsole(json => json.UseUtcTimestamp = true);
        }
        else
        {
            logging.AddSimpleConsole(text =>
            {
                text.SingleLine = true;
                text.TimestampFormat = "HH:mm:ss.fff ";
                text.UseUtcTimestamp = true;
            });
        }
        logging.SetMinimumLevel(options.Quiet && options.LogLevel < LogLevel.Warning ? LogLevel.Warning : options.LogLevel);
    }

    private static void AddServices(IServiceCollection services, TcbPushOptions options, TimeProvider time)
    {
        services.AddSingleton(time);
        services.AddSingleton(Options.Create(options));
        services.AddSingleton<Readiness>();
        services.AddSingleton<ReadinessProbe>();
        services.AddSingleton<RecentErrors>();
        services.AddSingleton<IServerHealth, ServerHealthSource>();
        services.AddSingleton<RequestMetrics>();
        services.AddHostedService(provider => new IdleMemoryTrim(options.IdleMemoryTrim, time, provider.GetRequiredService<ILogger<IdleMemoryTrim>>()));
        // The one place that knows OpenTelemetry: each feature owns a System.Diagnostics.Metrics meter named TcbPush.*,
        // and the push router an ActivitySource (traces continue into deliveries; no exporter is configured: an
        // OpenTelemetry-aware host or a listener of its own adds one).
        services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter(RequestMetrics.MeterName, "TcbPush.*")
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing.AddSource(PushTracing.SourceName));
        services.AddLoadShedding(options);
        services.AddTcbPushStorage(options);
        var dataDirectory = options.InMemory ? null : options.DataDirectory;
        services.AddSingleton(_ => MasterKey.Load(dataDirectory));
        services.AddSingleton(_ => AdminKey.Resolve(options.AdminKey, dataDirectory));
        services.AddSingleton<SecretBox>();
        services.AddSingleton<SecretDigest>();
        services.AddSingleton(Options.Create(new WireOptions { BodyLimitBytes = options.BodyLimitBytes, BodyReadTimeout = options.BodyReadTimeout }));
        services.AddSingleton<RequestBody>();
        services.AddSingleton<FailureLogThrottle>();

        services.AddApps();
        services.AddCredentials(new CredentialOptions
        {
            TokenTtlSeconds = options.TokenTtlSeconds,
            RateLimitPerMinute = options.RateLimitPerMinute,
        });
        services.AddComponents();
        services.AddCallbackConfig(new CallbackConfigOptions { PathCheck = options.PathCheck });
        services.AddPush(options.Push);
        services.AddConversations(options.Conversations);
        services.AddSeed();
        services.AddConsole();
    }
}

/// <summary>A started server and the URL it listens on.</summary>
public sealed class RunningServer(WebApplication app, string url) : IAsyncDisposable
{
    public string Url { get; } = url;

    public IServiceProvider Services => app.Services;

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
