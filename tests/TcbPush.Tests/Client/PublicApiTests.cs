using TcbPush.Client;
using TcbPush.Protocol;

namespace TcbPush.Tests.Client;

/// <summary>
/// The SDK's public surface is what we mean to support: the typed clients, their options and errors, and the wire
/// records. Transports, JSON contexts, crypto, the message codec and other plumbing stay internal. A type added to or
/// removed from the public API fails this test until the list below is updated on purpose.
/// </summary>
public sealed class PublicApiTests
{
    private static readonly string[] ApprovedProtocol =
    [
        "TcbPush.Protocol.AccessTokenResponse",
        "TcbPush.Protocol.Admin.AdminJson",
        "TcbPush.Protocol.Admin.AppInfo",
        "TcbPush.Protocol.Admin.AppList",
        "TcbPush.Protocol.Admin.AppRegistration",
        "TcbPush.Protocol.Admin.AuthorizationCodeRequest",
        "TcbPush.Protocol.Admin.AuthorizationCodeResponse",
        "TcbPush.Protocol.Admin.AuthorizationGranted",
        "TcbPush.Protocol.Admin.AuthorizationRegistration",
        "TcbPush.Protocol.Admin.ChangedResponse",
        "TcbPush.Protocol.Admin.ComponentAuthorizationInfo",
        "TcbPush.Protocol.Admin.ComponentAuthorizationList",
        "TcbPush.Protocol.Admin.ComponentInfo",
        "TcbPush.Protocol.Admin.ComponentList",
        "TcbPush.Protocol.Admin.ComponentRegistration",
        "TcbPush.Protocol.Admin.ConversationEntries",
        "TcbPush.Protocol.Admin.ConversationEntry",
        "TcbPush.Protocol.Admin.ConversationInfo",
        "TcbPush.Protocol.Admin.ConversationList",
        "TcbPush.Protocol.Admin.DeliveryAttemptInfo",
        "TcbPush.Protocol.Admin.DeliveryDetail",
        "TcbPush.Protocol.Admin.DeliveryInfo",
        "TcbPush.Protocol.Admin.DeliveryList",
        "TcbPush.Protocol.Admin.EnvironmentInfo",
        "TcbPush.Protocol.Admin.EnvironmentList",
        "TcbPush.Protocol.Admin.EnvironmentRegistration",
        "TcbPush.Protocol.Admin.ExportedApp",
        "TcbPush.Protocol.Admin.ExportedAuthorization",
        "TcbPush.Protocol.Admin.ExportedCallbackConfig",
        "TcbPush.Protocol.Admin.ExportedComponent",
        "TcbPush.Protocol.Admin.ReplayedDeliveries",
        "TcbPush.Protocol.Admin.ReplayedDelivery",
        "TcbPush.Protocol.Admin.ReplayRequest",
        "TcbPush.Protocol.Admin.ReplayResponse",
        "TcbPush.Protocol.Admin.ResetCounts",
        "TcbPush.Protocol.Admin.ResetResult",
        "TcbPush.Protocol.Admin.ServerStatusInfo",
        "TcbPush.Protocol.Admin.SimulatedMessage",
        "TcbPush.Protocol.Admin.SimulatedMessageResult",
        "TcbPush.Protocol.Admin.StateExport",
        "TcbPush.Protocol.Admin.TargetCircuitInfo",
        "TcbPush.Protocol.Admin.TargetCircuitList",
        "TcbPush.Protocol.Admin.TicketRegistration",
        // The records' [JsonConverter] attributes name these, so a caller's own source-generated context needs them public.
        "TcbPush.Protocol.Admin.UnixSecondsJsonConverter",
        "TcbPush.Protocol.Admin.UtcMillisecondsJsonConverter",
        "TcbPush.Protocol.Admin.VerbatimJsonConverter",
        "TcbPush.Protocol.AuthorizationInfo",
        "TcbPush.Protocol.AuthorizerTokenRequest",
        "TcbPush.Protocol.AuthorizerTokenResponse",
        "TcbPush.Protocol.Callback",
        "TcbPush.Protocol.CallbackConfiguration",
        "TcbPush.Protocol.ComponentAccessTokenResponse",
        "TcbPush.Protocol.ComponentTokenRequest",
        "TcbPush.Protocol.ContainerConfig",
        "TcbPush.Protocol.ErrCode",
        "TcbPush.Protocol.FuncInfo",
        "TcbPush.Protocol.FuncScopeCategory",
        "TcbPush.Protocol.FunctionConfig",
        "TcbPush.Protocol.PreAuthCodeRequest",
        "TcbPush.Protocol.PreAuthCodeResponse",
        "TcbPush.Protocol.QueryAuthRequest",
        "TcbPush.Protocol.QueryAuthResponse",
        "TcbPush.Protocol.StableTokenRequest",
    ];

    private static readonly string[] ApprovedClient =
    [
        "TcbPush.Client.AccessTokenCache",
        "TcbPush.Client.CustomMessage",
        "TcbPush.Client.DeliveryQuery",
        "TcbPush.Client.ImageMessage",
        "TcbPush.Client.LinkMessage",
        "TcbPush.Client.MiniProgramPageMessage",
        "TcbPush.Client.MpNewsArticleMessage",
        "TcbPush.Client.MpNewsMessage",
        "TcbPush.Client.MsgMenuItem",
        "TcbPush.Client.MsgMenuMessage",
        "TcbPush.Client.MusicMessage",
        "TcbPush.Client.NewsArticle",
        "TcbPush.Client.NewsMessage",
        "TcbPush.Client.ServiceCollectionExtensions",
        "TcbPush.Client.SetCallbackConfigRequest",
        "TcbPush.Client.TcbPushAdminClient",
        "TcbPush.Client.TcbPushClientOptions",
        "TcbPush.Client.TextMessage",
        "TcbPush.Client.VideoMessage",
        "TcbPush.Client.VoiceMessage",
        "TcbPush.Client.WeChatClient",
        "TcbPush.Client.WeChatException",
        "TcbPush.Client.WxCardMessage",
    ];

    [Fact]
    public void Protocol_exports_only_the_approved_types() =>
        Assert.Equal(ApprovedProtocol.Order(StringComparer.Ordinal), Exported(typeof(ErrCode)));

    [Fact]
    public void Client_exports_only_the_approved_types() =>
        Assert.Equal(ApprovedClient.Order(StringComparer.Ordinal), Exported(typeof(WeChatClient)));

    private static IEnumerable<string> Exported(Type anyTypeOfAssembly) =>
        anyTypeOfAssembly.Assembly.GetExportedTypes().Select(type => type.FullName!).Order(StringComparer.Ordinal);
}
