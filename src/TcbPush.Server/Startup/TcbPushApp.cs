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
using TcbPush.Server.Apps;
using TcbPush.Server.CallbackConfig;
using TcbPush.Server.Component;
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
        PrivateFile.CreateDirectory(options.DataDirectory);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => ConnectionLimits.Apply(kestrel, options));
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.Warning);
        // A failed start (port in use) is reported by `serve` in one line; the host would log it again with a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        logging?.Invoke(builder.Logging);
        AddServices(builder.Services, options, time ?? TimeProvider.System);

        var app = builder.Build();
        app.UseMiddleware<ErrorEnvelopeMiddleware>();
        app.UseMiddleware<BodyPrefetchMiddleware>();
        app.UseRateLimiter();
        app.MapGet("/healthz", (Readiness readiness) => readiness.IsReady
            ? Results.Text("ok")
            : Results.Text("starting", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapPush();
        app.MapCredentials();
        app.MapCallbackConfig();
        app.MapComponents();
        app.MapAdmin();
        app.MapConsole();
        if (options.Demo)
        {
            app.Services.GetRequiredService<DemoSetup>().MapEcho(app);
        }

        try
        {
            app.Services.GetRequiredService<IStorageBackend>();
            if (options.SeedFile is not null)
            {
                await app.Services.GetRequiredService<SeedLoader>().LoadAsync(options.SeedFile);
            }
            await app.StartAsync();
            var url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            if (options.Demo)
            {
                await app.Services.GetRequiredService<DemoSetup>().RegisterAsync(url);
            }
            var adminKey = app.Services.GetRequiredService<AdminKey>();
            if (adminKey.Generated)
            {
                await output.WriteLineAsync($"Generated admin key (stored in {Path.Combine(options.DataDirectory, "admin.key")}, shown once): {adminKey.Value}");
            }
            if (options.Demo)
            {
                await output.WriteLineAsync(DemoSetup.Instructions(url));
            }
            app.Services.GetRequiredService<Readiness>().MarkReady();
            await output.WriteLineAsync($"TcbPush listening on {url}");
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

    private static void AddServices(IServiceCollection services, TcbPushOptions options, TimeProvider time)
    {
        services.AddSingleton(time);
        services.AddSingleton<Readiness>();
        services.AddLoadShedding(options);
        services.AddTcbPushStorage(options);
        services.AddSingleton(_ => MasterKey.Load(options.DataDirectory));
        services.AddSingleton(_ => AdminKey.Resolve(options.AdminKey, options.DataDirectory));
        services.AddSingleton<SecretBox>();
        services.AddSingleton<SecretDigest>();
        services.AddSingleton(Options.Create(new WireOptions { BodyLimitBytes = options.BodyLimitBytes, BodyReadTimeout = options.BodyReadTimeout }));
        services.AddSingleton<RequestBody>();

        services.AddApps();
        services.AddCredentials(new CredentialOptions
        {
            TokenTtlSeconds = options.TokenTtlSeconds,
            RateLimitPerMinute = options.RateLimitPerMinute,
        });
        services.AddComponents();
        services.AddCallbackConfig(new CallbackConfigOptions { PathCheck = options.PathCheck });
        services.AddPush(options.Push);
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
