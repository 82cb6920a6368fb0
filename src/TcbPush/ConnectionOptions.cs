using System.CommandLine;
using TcbPush.Client;

namespace TcbPush.Cli;

/// <summary>
/// <c>--server</c>, <c>--appid</c>, <c>--secret</c> and <c>--admin-key</c>; each falls back to its <c>TCBPUSH_*</c>
/// environment variable. A command's help lists only those it uses; the others are still accepted (hidden and
/// ignored), so that one set of connection options can be passed to every command. Secrets are never shown as defaults.
/// </summary>
internal sealed class ConnectionOptions
{
    public const string DefaultServer = "https://api.weixin.qq.com";

    /// <summary>The default of TcbPush-only commands (admin, deliveries, push, chat, reply, status, reset): a local <c>tcbpush serve</c>.</summary>
    public const string TcbPushServer = "http://127.0.0.1:8080";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private static readonly HttpClient StreamHttp = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly string defaultServer;
    private readonly Option<string?> server;

    public ConnectionOptions(string defaultServer = DefaultServer)
    {
        this.defaultServer = defaultServer;
        server = new("--server")
        {
            Description = $"Server URL: {(defaultServer == DefaultServer ? "WeChat or a TcbPush server" : "a TcbPush server")} [env: TCBPUSH_SERVER; default: {defaultServer}]",
        };
    }

    /// <summary>The server the last resolved command talks to, so that a connection error can name it.</summary>
    public static Uri? Target { get; private set; }

    /// <summary>The shared HTTP client, for the few admin calls the SDK does not cover (status, reset).</summary>
    public static HttpClient HttpClient => Http;

    private readonly Option<string?> appId = new("--appid") { Description = "The app's appid [env: TCBPUSH_APPID]" };
    private readonly Option<string?> secret = new("--secret") { Description = "The app's secret [env: TCBPUSH_SECRET]" };
    private readonly Option<string?> adminKey = new("--admin-key") { Description = "TcbPush admin key [env: TCBPUSH_ADMIN_KEY]" };
    private readonly Option<string?> unusedAppId = new("--appid") { Hidden = true };
    private readonly Option<string?> unusedSecret = new("--secret") { Hidden = true };
    private readonly Option<string?> unusedAdminKey = new("--admin-key") { Hidden = true };

    /// <summary>Adds <c>--server</c> and the options in <paramref name="uses"/> to a command that runs (not to a group).</summary>
    public Command AddTo(Command command, ConnectionUse uses)
    {
        command.Options.Add(server);
        command.Options.Add(uses.HasFlag(ConnectionUse.AppId) ? appId : unusedAppId);
        command.Options.Add(uses.HasFlag(ConnectionUse.Secret) ? secret : unusedSecret);
        command.Options.Add(uses.HasFlag(ConnectionUse.AdminKey) ? adminKey : unusedAdminKey);
        return command;
    }

    public Connection Resolve(ParseResult parse)
    {
        var url = Value(parse, server, "TCBPUSH_SERVER") ?? defaultServer;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--server must be an http or https URL, not '{url}'");
        }
        Target = uri;
        return new Connection(uri, Value(parse, appId, "TCBPUSH_APPID"), Value(parse, secret, "TCBPUSH_SECRET"), Value(parse, adminKey, "TCBPUSH_ADMIN_KEY"));
    }

    private static string? Value(ParseResult parse, Option<string?> option, string variable)
    {
        var value = parse.GetValue(option);
        value = string.IsNullOrWhiteSpace(value) ? Environment.GetEnvironmentVariable(variable) : value;
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>Resolved connection settings, and the SDK clients built from them.</summary>
    internal sealed record Connection(Uri Server, string? AppId, string? Secret, string? AdminKey)
    {
        public string RequireAppId() => AppId ?? throw new UsageException("--appid is required (or set TCBPUSH_APPID)");

        public string RequireSecret() => Secret ?? throw new UsageException("--secret is required (or set TCBPUSH_SECRET)");

        public WeChatClient WeChat() => new(Http, new TcbPushClientOptions { BaseAddress = Server, AppId = RequireAppId(), AppSecret = RequireSecret() });

        /// <summary>An admin client without a request timeout, for event streams that stay open.</summary>
        public TcbPushAdminClient Watcher() => new(StreamHttp, new TcbPushClientOptions
        {
            BaseAddress = Server,
            AdminKey = RequireAdminKey(),
        });

        public TcbPushAdminClient Admin() => new(Http, new TcbPushClientOptions
        {
            BaseAddress = Server,
            AdminKey = RequireAdminKey(),
        });

        public string RequireAdminKey() => AdminKey ?? throw new UsageException("--admin-key is required (or set TCBPUSH_ADMIN_KEY)");
    }
}
