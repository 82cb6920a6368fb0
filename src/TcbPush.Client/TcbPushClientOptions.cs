using TcbPush.Protocol;

namespace TcbPush.Client;

/// <summary>
/// Where and as whom <see cref="WeChatClient"/> and <see cref="TcbPushAdminClient"/> connect, and how they retry.
/// </summary>
public sealed class TcbPushClientOptions
{
    /// <summary>WeChat's own API host, the default server.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api.weixin.qq.com/");

    /// <summary>
    /// The server: WeChat (<see cref="DefaultBaseAddress"/>) or a TcbPush server such as <c>http://127.0.0.1:8080</c>.
    /// When null, the <see cref="HttpClient.BaseAddress"/> of the client's <see cref="HttpClient"/> is used, else WeChat.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The app's id (<c>appid</c>), used to obtain access tokens and to choose the app in admin calls.</summary>
    public string? AppId { get; set; }

    /// <summary>The app's secret (<c>secret</c>), used to obtain access tokens. Never logged.</summary>
    public string? AppSecret { get; set; }

    /// <summary>TcbPush's admin key, sent as <c>Authorization: Bearer</c> by <see cref="TcbPushAdminClient"/>. Never logged.</summary>
    public string? AdminKey { get; set; }

    /// <summary>
    /// When true, authenticated calls use the stable token (<c>/cgi-bin/stable_token</c>), which several processes
    /// can share; when false (the default) they use <c>/cgi-bin/token</c>.
    /// </summary>
    public bool UseStableToken { get; set; }

    /// <summary>
    /// Where authenticated calls get their access token when set, instead of <see cref="AppId"/> and
    /// <see cref="AppSecret"/>: for a third-party platform acting for an app, a function that calls
    /// <see cref="WeChatClient.GetAuthorizerAccessTokenAsync"/> and returns its token. The answer is cached like any
    /// other token.
    /// </summary>
    public Func<CancellationToken, Task<AccessTokenResponse>>? AccessTokenSource { get; set; }

    /// <summary>
    /// How long before its expiry a cached access token is renewed (default 5 minutes; at most half the token's lifetime is used).
    /// </summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many times a call answered with errcode <c>-1</c> (system busy) is retried (default 3; 0 turns retries off).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The delay before the first retry after errcode <c>-1</c>; each further retry waits twice as long (default 500 ms).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);
}
