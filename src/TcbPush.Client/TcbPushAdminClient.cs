using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using TcbPush.Protocol.Admin;

namespace TcbPush.Client;

/// <summary>
/// TcbPush's own admin API (<c>/admin/</c>): apps, environments, third-party platforms (components, authorizations,
/// authorization codes), simulated messages, the delivery log, conversations, the server's status and reset.
/// Every call bears <see cref="TcbPushClientOptions.AdminKey"/> as <c>Authorization: Bearer</c>.
/// </summary>
/// <remarks>
/// Failures: without an admin key every call throws <see cref="InvalidOperationException"/> before sending anything;
/// a non-zero errcode throws <see cref="WeChatException"/>; a refused admin key (HTTP 401), an unreachable server or an
/// answer that is not JSON throws <see cref="HttpRequestException"/>.
/// </remarks>
public sealed class TcbPushAdminClient
{
    private readonly WeChatTransport transport;
    private readonly string? adminKey;

    /// <summary>Creates an admin client around an <see cref="HttpClient"/>.</summary>
    /// <param name="httpClient">The HTTP client; its <see cref="HttpClient.BaseAddress"/> is used when the options name no server.</param>
    /// <param name="options">The server, the admin key and the retry policy.</param>
    /// <param name="timeProvider">The clock for retry delays (default: the system clock).</param>
    public TcbPushAdminClient(HttpClient httpClient, TcbPushClientOptions options, TimeProvider? timeProvider = null)
    {
        transport = new WeChatTransport(httpClient, options, timeProvider ?? TimeProvider.System);
        adminKey = options.AdminKey;
    }

    /// <summary>The server this client talks to.</summary>
    public Uri BaseAddress => transport.BaseAddress;

    /// <summary>Registers an app, or updates it; true when something changed.</summary>
    /// <param name="app">The app's id, secret and optional message token and EncodingAESKey.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<bool> RegisterAppAsync(AppRegistration app, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Post, "admin/apps", WeChatTransport.Json(app, AdminWire.Json.AppRegistration), AdminWire.Json.ChangedResponse, cancellationToken).ConfigureAwait(false)).Changed;

    /// <summary>The registered apps.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<AppInfo>> ListAppsAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Get, "admin/apps", null, AdminWire.Json.AppList, cancellationToken).ConfigureAwait(false)).Apps;

    /// <summary>Removes an app; true when it existed.</summary>
    /// <param name="appId">The app's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<bool> RemoveAppAsync(string appId, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Delete, "admin/apps/" + Uri.EscapeDataString(appId), null, AdminWire.Json.ChangedResponse, cancellationToken).ConfigureAwait(false)).Changed;

    /// <summary>Registers an environment, or updates it; true when something changed.</summary>
    /// <param name="environment">The environment id and its base URLs.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<bool> RegisterEnvironmentAsync(EnvironmentRegistration environment, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Post, "admin/envs", WeChatTransport.Json(environment, AdminWire.Json.EnvironmentRegistration), AdminWire.Json.ChangedResponse, cancellationToken).ConfigureAwait(false)).Changed;

    /// <summary>The registered environments.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<EnvironmentInfo>> ListEnvironmentsAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Get, "admin/envs", null, AdminWire.Json.EnvironmentList, cancellationToken).ConfigureAwait(false)).Envs;

    /// <summary>Removes an environment; true when it existed.</summary>
    /// <param name="env">The environment id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<bool> RemoveEnvironmentAsync(string env, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Delete, "admin/envs/" + Uri.EscapeDataString(env), null, AdminWire.Json.ChangedResponse, cancellationToken).ConfigureAwait(false)).Changed;

    /// <summary>Registers a third-party platform (component) with its secret and verify ticket, or updates it; true when something changed.</summary>
    /// <param name="component">The platform's appid, secret and current verify ticket.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<bool> RegisterComponentAsync(ComponentRegistration component, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Post, "admin/components", WeChatTransport.Json(component, AdminWire.Json.ComponentRegistration), AdminWire.Json.ChangedResponse, cancellationToken).ConfigureAwait(false)).Changed;

    /// <summary>Hands a platform a new verify ticket, as WeChat's 10-minute push would; true when it changed.</summary>
    /// <param name="componentAppId">The platform's appid.</param>
    /// <param name="componentVerifyTicket">The new ticket.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<bool> ReceiveComponentTicketAsync(string componentAppId, string componentVerifyTicket, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Post, "admin/components/" + Uri.EscapeDataString(componentAppId) + "/ticket",
            WeChatTransport.Json(new TicketRegistration(componentVerifyTicket), AdminWire.Json.TicketRegistration), AdminWire.Json.ChangedResponse, cancellationToken).ConfigureAwait(false)).Changed;

    /// <summary>The registered platforms (no secrets, no tickets).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<ComponentInfo>> ListComponentsAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Get, "admin/components", null, AdminWire.Json.ComponentList, cancellationToken).ConfigureAwait(false)).Components;

    /// <summary>Grants a platform an app's authorization directly (no consent page); returns the refresh token to use with <c>api_authorizer_token</c>.</summary>
    /// <param name="authorization">The platform, the authorizing app, the permission sets and optionally the refresh token to keep.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<AuthorizationGranted> GrantAuthorizationAsync(AuthorizationRegistration authorization, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "admin/authorizations", WeChatTransport.Json(authorization, AdminWire.Json.AuthorizationRegistration), AdminWire.Json.AuthorizationGranted, cancellationToken);

    /// <summary>Revokes an app's authorization of a platform; true when it was in force.</summary>
    /// <param name="componentAppId">The platform's appid.</param>
    /// <param name="authorizerAppId">The app that authorized it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<bool> RevokeAuthorizationAsync(string componentAppId, string authorizerAppId, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Delete, "admin/authorizations/" + Uri.EscapeDataString(componentAppId) + "/" + Uri.EscapeDataString(authorizerAppId),
            null, AdminWire.Json.ChangedResponse, cancellationToken).ConfigureAwait(false)).Changed;

    /// <summary>Every authorization, revoked ones included (no refresh tokens).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<ComponentAuthorizationInfo>> ListAuthorizationsAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Get, "admin/authorizations", null, AdminWire.Json.ComponentAuthorizationList, cancellationToken).ConfigureAwait(false)).Authorizations;

    /// <summary>
    /// Stands in for a user's consent on WeChat's authorization page: returns an authorization code for
    /// <see cref="WeChatClient.QueryAuthAsync"/> (<c>api_query_auth</c>).
    /// </summary>
    /// <param name="request">The platform, the authorizing app and the permission sets consented to.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<AuthorizationCodeResponse> CreateAuthorizationCodeAsync(AuthorizationCodeRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "admin/authorization_codes", WeChatTransport.Json(request, AdminWire.Json.AuthorizationCodeRequest), AdminWire.Json.AuthorizationCodeResponse, cancellationToken);

    /// <summary>The server's version, storage, uptime, apps and deliveries by status (<c>GET /admin/status</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<ServerStatusInfo> GetStatusAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "admin/status", null, AdminWire.Json.ServerStatusInfo, cancellationToken);

    /// <summary>The delivery targets with failures since their last success, with their circuits, as this node sees them (<c>GET /admin/targets</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<TargetCircuitInfo>> ListTargetsAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Get, "admin/targets", null, AdminWire.Json.TargetCircuitList, cancellationToken).ConfigureAwait(false)).Targets;

    /// <summary>
    /// Empties the received messages, their deliveries and attempts (<c>POST /admin/reset</c>); apps, environments,
    /// configurations, components, authorizations and token history stay. Returns what was deleted.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<ResetResult> ResetAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "admin/reset", null, AdminWire.Json.ResetResult, cancellationToken);

    /// <summary>Injects a message for an app as if a user had sent it; it is routed and delivered like a real one.</summary>
    /// <param name="appId">The app that receives the message.</param>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<SimulatedMessageResult> SendMessageAsync(string appId, SimulatedMessage message, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "admin/apps/" + Uri.EscapeDataString(appId) + "/messages", WeChatTransport.Json(message, AdminWire.Json.SimulatedMessage),
            AdminWire.Json.SimulatedMessageResult, cancellationToken);

    /// <summary>Deliveries matching a filter, newest first.</summary>
    /// <param name="query">The filter and page; null for the newest deliveries of every app.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<DeliveryInfo>> ListDeliveriesAsync(DeliveryQuery? query = null, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Get, "admin/deliveries" + (query ?? new DeliveryQuery()).ToQueryString(), null, AdminWire.Json.DeliveryList, cancellationToken).ConfigureAwait(false)).Deliveries;

    /// <summary>One delivery with all its attempts.</summary>
    /// <param name="id">The delivery's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<DeliveryDetail> GetDeliveryAsync(long id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "admin/deliveries/" + id.ToString(CultureInfo.InvariantCulture), null, AdminWire.Json.DeliveryDetail, cancellationToken);

    /// <summary>Delivers a delivery's message again, as a new delivery; returns the new delivery's id.</summary>
    /// <param name="id">The delivery to replay.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<long> ReplayDeliveryAsync(long id, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Post, "admin/deliveries/" + id.ToString(CultureInfo.InvariantCulture) + "/replay", null,
            AdminWire.Json.ReplayResponse, cancellationToken).ConfigureAwait(false)).DeliveryId;

    /// <summary>Replays several deliveries by id.</summary>
    /// <param name="ids">The deliveries to replay.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<IReadOnlyList<ReplayedDelivery>> ReplayDeliveriesAsync(IEnumerable<long> ids, CancellationToken cancellationToken = default) =>
        ReplayAsync(new ReplayRequest(Ids: [.. ids]), cancellationToken);

    /// <summary>Replays every delivery in a status (e.g. <c>dead</c>), of one app or of all.</summary>
    /// <param name="appId">Only this app's deliveries; null for every app.</param>
    /// <param name="status">The status of the deliveries to replay.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<IReadOnlyList<ReplayedDelivery>> ReplayDeliveriesAsync(string? appId, string status, CancellationToken cancellationToken = default) =>
        ReplayAsync(new ReplayRequest(AppId: appId, Status: status), cancellationToken);

    /// <summary>An app's conversations, the most recently active first.</summary>
    /// <param name="appId">The app.</param>
    /// <param name="limit">At most this many (1-500).</param>
    /// <param name="offset">Skip this many of the most recent.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<ConversationInfo>> GetConversationsAsync(string appId, int limit = 50, int offset = 0, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Get, ConversationsPath(appId) + "?limit=" + limit.ToString(CultureInfo.InvariantCulture) +
            "&offset=" + offset.ToString(CultureInfo.InvariantCulture), null, AdminWire.Json.ConversationList, cancellationToken).ConfigureAwait(false)).Conversations;

    /// <summary>A conversation's entries numbered after <paramref name="afterSeq"/>, oldest first (at most 500 per call).</summary>
    /// <param name="appId">The app.</param>
    /// <param name="openId">The user.</param>
    /// <param name="afterSeq">Only entries after this number; 0 for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<ConversationEntry>> GetConversationAsync(string appId, string openId, long afterSeq = 0, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Get, ConversationsPath(appId) + "/" + Uri.EscapeDataString(openId) + "?after=" + afterSeq.ToString(CultureInfo.InvariantCulture),
            null, AdminWire.Json.ConversationEntries, cancellationToken).ConfigureAwait(false)).Entries;

    /// <summary>
    /// The conversation's entries after <paramref name="afterSeq"/> as they happen (Server-Sent Events); a dropped
    /// connection is reopened with <c>Last-Event-ID</c>, so no entry is missed or repeated. Ends when cancelled.
    /// </summary>
    /// <param name="appId">The app.</param>
    /// <param name="openId">The user.</param>
    /// <param name="afterSeq">Start after this entry; 0 for the whole conversation.</param>
    /// <param name="cancellationToken">Ends the watch.</param>
    public IAsyncEnumerable<ConversationEntry> WatchConversationAsync(string appId, string openId, long afterSeq = 0, CancellationToken cancellationToken = default) =>
        ConversationWatch.RunAsync(transport, ConversationsPath(appId) + "/" + Uri.EscapeDataString(openId) + "/events", RequireAdminKey(), afterSeq, cancellationToken);

    /// <summary>
    /// The server's registered state (<c>GET /admin/export</c>): apps, environments, components, authorizations and
    /// message-push configurations, shaped as a seed file for <c>tcbpush serve --seed</c>. Secrets are only in stored
    /// form (hashes, digests, values sealed with the server's master key), so the export imports only into a server
    /// with the same master key.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<StateExport> ExportAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "admin/export", null, AdminWire.Json.StateExport, cancellationToken);

    private static string ConversationsPath(string appId) => "admin/apps/" + Uri.EscapeDataString(appId) + "/conversations";

    private async Task<IReadOnlyList<ReplayedDelivery>> ReplayAsync(ReplayRequest request, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Post, "admin/deliveries/replay", WeChatTransport.Json(request, AdminWire.Json.ReplayRequest),
            AdminWire.Json.ReplayedDeliveries, cancellationToken).ConfigureAwait(false)).Replayed;

    private async Task<T> SendAsync<T>(HttpMethod method, string path, ReadOnlyMemory<byte>? body, JsonTypeInfo<T> answer, CancellationToken cancellationToken)
    {
        var key = RequireAdminKey();
        return WeChatTransport.Read(await transport.SendAsync(method, path, body, key, cancellationToken).ConfigureAwait(false), answer);
    }

    private string RequireAdminKey() => string.IsNullOrEmpty(adminKey)
        ? throw new InvalidOperationException(
            "TcbPushAdminClient has no admin key, so no request was sent: set TcbPushClientOptions.AdminKey (configuration key AdminKey, "
            + "or the TCBPUSH_ADMIN_KEY variable).")
        : adminKey;
}
