using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using TcbPush.Protocol;

namespace TcbPush.Client;

/// <summary>
/// Typed calls to WeChat's message-push configuration and credential endpoints, against WeChat itself
/// (the default) or a TcbPush server. Calls that need an access token obtain one from the
/// <see cref="AccessTokenCache"/>, and retry once with a fresh token if the server rejects it
/// (errcode 40001, 40014 or 42001).
/// </summary>
/// <remarks>
/// Failures: a non-zero errcode throws <see cref="WeChatException"/>; an unreachable server or an answer that
/// is not WeChat's JSON throws <see cref="HttpRequestException"/>. Errcode -1 is retried first
/// (<see cref="TcbPushClientOptions.MaxRetries"/>).
/// </remarks>
public sealed class WeChatClient
{
    private static readonly ReadOnlyMemory<byte> EmptyObject = "{}"u8.ToArray();
    private readonly WeChatTransport transport;
    private readonly TcbPushClientOptions options;
    private readonly AccessTokenCache tokens;

    /// <summary>Creates a client around an <see cref="HttpClient"/>.</summary>
    /// <param name="httpClient">The HTTP client; its <see cref="HttpClient.BaseAddress"/> is used when the options name no server.</param>
    /// <param name="options">The server, the app's credentials and the retry policy.</param>
    /// <param name="tokenCache">A cache shared with other clients of the same app; null for a cache of this client's own.</param>
    /// <param name="timeProvider">The clock for token expiry and retry delays (default: the system clock).</param>
    public WeChatClient(HttpClient httpClient, TcbPushClientOptions options, AccessTokenCache? tokenCache = null, TimeProvider? timeProvider = null)
    {
        var time = timeProvider ?? TimeProvider.System;
        transport = new WeChatTransport(httpClient, options, time);
        this.options = options;
        tokens = tokenCache ?? new AccessTokenCache(time, options.TokenRefreshMargin);
    }

    /// <summary>The server this client talks to.</summary>
    public Uri BaseAddress => transport.BaseAddress;

    /// <summary>
    /// <c>GET /cgi-bin/token</c>: a new access token for the app of <see cref="TcbPushClientOptions.AppId"/> and
    /// <see cref="TcbPushClientOptions.AppSecret"/>. Each call issues a new token; the previous one stays valid for 5 minutes.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<AccessTokenResponse> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        var query = "cgi-bin/token?grant_type=client_credential" + Parameter("appid", options.AppId) + Parameter("secret", options.AppSecret);
        var answer = await transport.SendAsync(HttpMethod.Get, query, null, null, cancellationToken).ConfigureAwait(false);
        return WeChatTransport.Read(answer, ClientJson.Default.AccessTokenResponse);
    }

    /// <summary>
    /// <c>POST /cgi-bin/stable_token</c>: the app's current stable token, or a new one when <paramref name="forceRefresh"/>
    /// is true (limited by the server to 20 a day, 30 seconds apart).
    /// </summary>
    /// <param name="forceRefresh">Issue a new stable token even though the current one is still valid.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<AccessTokenResponse> GetStableAccessTokenAsync(bool forceRefresh = false, CancellationToken cancellationToken = default)
    {
        var body = WeChatTransport.Json(new StableTokenRequest(options.AppId ?? "", options.AppSecret ?? "", forceRefresh), ClientJson.Default.StableTokenRequest);
        var answer = await transport.SendAsync(HttpMethod.Post, "cgi-bin/stable_token", body, null, cancellationToken).ConfigureAwait(false);
        return WeChatTransport.Read(answer, ClientJson.Default.AccessTokenResponse);
    }

    /// <summary><c>POST /tcb/setcallbackconfig</c>: replaces the blocks of the app's push configuration that the request carries.</summary>
    /// <param name="request">The blocks to set; a null block is left as it is.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task SetCallbackConfigAsync(SetCallbackConfigRequest request, CancellationToken cancellationToken = default) =>
        SetCallbackConfigJsonAsync(WeChatTransport.Json(request, ClientJson.Default.SetCallbackConfigRequest), cancellationToken);

    /// <summary><c>POST /tcb/setcallbackconfig</c> with a body sent exactly as given (for tools that pass a user's file through).</summary>
    /// <param name="utf8Json">The request body: a UTF-8 JSON object with <c>function_config</c> and/or <c>container_config</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task SetCallbackConfigJsonAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken = default) =>
        SendWithTokenAsync("tcb/setcallbackconfig", utf8Json, cancellationToken);

    /// <summary><c>POST /tcb/getcallbackconfig</c>: the app's whole push configuration.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<CallbackConfiguration> GetCallbackConfigAsync(CancellationToken cancellationToken = default) =>
        WeChatTransport.Read(await GetCallbackConfigJsonAsync(cancellationToken).ConfigureAwait(false), ClientJson.Default.CallbackConfiguration);

    /// <summary><c>POST /tcb/getcallbackconfig</c>: the answer's <c>data</c> object exactly as the server sent it.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<JsonElement> GetCallbackConfigJsonAsync(CancellationToken cancellationToken = default)
    {
        var answer = await SendWithTokenAsync("tcb/getcallbackconfig", EmptyObject, cancellationToken).ConfigureAwait(false);
        return answer.TryGet("data", out var data) && data.ValueKind == JsonValueKind.Object
            ? data
            : throw new HttpRequestException(HttpRequestError.InvalidResponse, "the getcallbackconfig answer has no data object");
    }

    /// <summary>
    /// <c>POST /cgi-bin/message/custom/send</c>: an active (customer-service) reply to a user who wrote to the app
    /// recently. WeChat allows 5 within 48 hours of a user's message, 3 within a minute of some events (errcode 45015
    /// when none is open, 45047 when they are used).
    /// </summary>
    /// <param name="toUser">The user's openid.</param>
    /// <param name="message">The message: one of the <see cref="CustomMessage"/> records.</param>
    /// <param name="kfAccount">The customer-service account to send as; null for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task SendCustomMessageAsync(string toUser, CustomMessage message, string? kfAccount = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SendWithTokenAsync("cgi-bin/message/custom/send", Body(json =>
        {
            json.WriteString("touser", toUser);
            json.WriteString("msgtype", message.MsgType);
            json.WritePropertyName(message.MsgType);
            message.WriteTo(json);
            if (kfAccount is not null)
            {
                json.WriteStartObject("customservice");
                json.WriteString("kf_account", kfAccount);
                json.WriteEndObject();
            }
        }), cancellationToken);
    }

    /// <summary><c>POST /cgi-bin/message/custom/typing</c>: shows (or stops showing) "typing…" to the user.</summary>
    /// <param name="toUser">The user's openid.</param>
    /// <param name="typing">True for <c>Typing</c>, false for <c>CancelTyping</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task SetTypingAsync(string toUser, bool typing = true, CancellationToken cancellationToken = default) =>
        SendWithTokenAsync("cgi-bin/message/custom/typing", Body(json =>
        {
            json.WriteString("touser", toUser);
            json.WriteString("command", typing ? "Typing" : "CancelTyping");
        }), cancellationToken);

    /// <summary><c>POST /cgi-bin/component/api_component_token</c>: a third-party platform's component access token.</summary>
    /// <param name="request">The platform's appid, secret and latest verify ticket.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<ComponentAccessTokenResponse> GetComponentAccessTokenAsync(ComponentTokenRequest request, CancellationToken cancellationToken = default) =>
        PostAsync("cgi-bin/component/api_component_token", null, WeChatTransport.Json(request, ClientJson.Default.ComponentTokenRequest),
            ClientJson.Default.ComponentAccessTokenResponse, cancellationToken);

    /// <summary><c>POST /cgi-bin/component/api_create_preauthcode</c>: a pre-authorization code for the authorization page.</summary>
    /// <param name="componentAccessToken">The platform's component access token.</param>
    /// <param name="request">The platform's appid.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<PreAuthCodeResponse> CreatePreAuthCodeAsync(string componentAccessToken, PreAuthCodeRequest request, CancellationToken cancellationToken = default) =>
        PostAsync("cgi-bin/component/api_create_preauthcode", componentAccessToken, WeChatTransport.Json(request, ClientJson.Default.PreAuthCodeRequest),
            ClientJson.Default.PreAuthCodeResponse, cancellationToken);

    /// <summary><c>POST /cgi-bin/component/api_query_auth</c>: the authorization an authorization code stands for, with the authorizer's tokens.</summary>
    /// <param name="componentAccessToken">The platform's component access token.</param>
    /// <param name="request">The platform's appid and the authorization code.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<QueryAuthResponse> QueryAuthAsync(string componentAccessToken, QueryAuthRequest request, CancellationToken cancellationToken = default) =>
        PostAsync("cgi-bin/component/api_query_auth", componentAccessToken, WeChatTransport.Json(request, ClientJson.Default.QueryAuthRequest),
            ClientJson.Default.QueryAuthResponse, cancellationToken);

    /// <summary><c>POST /cgi-bin/component/api_authorizer_token</c>: a new authorizer access token from a refresh token.</summary>
    /// <param name="componentAccessToken">The platform's component access token.</param>
    /// <param name="request">The platform, the authorizer app and its refresh token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<AuthorizerTokenResponse> GetAuthorizerAccessTokenAsync(string componentAccessToken, AuthorizerTokenRequest request, CancellationToken cancellationToken = default) =>
        PostAsync("cgi-bin/component/api_authorizer_token", componentAccessToken, WeChatTransport.Json(request, ClientJson.Default.AuthorizerTokenRequest),
            ClientJson.Default.AuthorizerTokenResponse, cancellationToken);

    private async Task<T> PostAsync<T>(string path, string? componentAccessToken, ReadOnlyMemory<byte> body,
        JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var target = componentAccessToken is null ? path : WithToken(path, "component_access_token", componentAccessToken);
        return WeChatTransport.Read(await transport.SendAsync(HttpMethod.Post, target, body, null, cancellationToken).ConfigureAwait(false), type);
    }

    private async Task<JsonElement> SendWithTokenAsync(string path, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(FetchTokenAsync, cancellationToken).ConfigureAwait(false);
        try
        {
            return await transport.SendAsync(HttpMethod.Post, WithToken(path, "access_token", token), body, null, cancellationToken).ConfigureAwait(false);
        }
        catch (WeChatException e) when (e.ErrCode is ErrCode.InvalidCredential or ErrCode.InvalidAccessToken or ErrCode.AccessTokenExpired)
        {
            tokens.Invalidate(token);
            token = await tokens.GetAsync(FetchTokenAsync, cancellationToken).ConfigureAwait(false);
            return await transport.SendAsync(HttpMethod.Post, WithToken(path, "access_token", token), body, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<AccessTokenResponse> FetchTokenAsync(CancellationToken cancellationToken) => options switch
    {
        { AccessTokenSource: { } source } => source(cancellationToken),
        { UseStableToken: true } => GetStableAccessTokenAsync(false, cancellationToken),
        _ => GetAccessTokenAsync(cancellationToken),
    };

    private static ReadOnlyMemory<byte> Body(Action<Utf8JsonWriter> fields)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            fields(json);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static string WithToken(string path, string name, string token) => path + "?" + name + "=" + Uri.EscapeDataString(token);

    private static string Parameter(string name, string? value) =>
        value is null ? "" : "&" + name + "=" + Uri.EscapeDataString(value);
}
