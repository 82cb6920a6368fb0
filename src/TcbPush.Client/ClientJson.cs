using System.Text.Json;
using System.Text.Json.Serialization;
using TcbPush.Protocol;

namespace TcbPush.Client;

/// <summary>
/// Source-generated JSON for the client's WeChat requests and answers (the admin API's are in <see cref="AdminWire"/>). Reading tolerates WeChat's quirks: trailing commas
/// and numbers sent as strings. Null fields of requests are not sent.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    AllowTrailingCommas = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(AccessTokenResponse))]
[JsonSerializable(typeof(StableTokenRequest))]
[JsonSerializable(typeof(CallbackConfiguration))]
[JsonSerializable(typeof(SetCallbackConfigRequest))]
[JsonSerializable(typeof(ComponentTokenRequest))]
[JsonSerializable(typeof(ComponentAccessTokenResponse))]
[JsonSerializable(typeof(PreAuthCodeRequest))]
[JsonSerializable(typeof(PreAuthCodeResponse))]
[JsonSerializable(typeof(QueryAuthRequest))]
[JsonSerializable(typeof(QueryAuthResponse))]
[JsonSerializable(typeof(AuthorizerTokenRequest))]
[JsonSerializable(typeof(AuthorizerTokenResponse))]
[JsonSerializable(typeof(TextMessage))]
[JsonSerializable(typeof(ImageMessage))]
[JsonSerializable(typeof(LinkMessage))]
[JsonSerializable(typeof(MiniProgramPageMessage))]
[JsonSerializable(typeof(VoiceMessage))]
[JsonSerializable(typeof(VideoMessage))]
[JsonSerializable(typeof(MusicMessage))]
[JsonSerializable(typeof(NewsArticle))]
[JsonSerializable(typeof(MpNewsMessage))]
[JsonSerializable(typeof(MpNewsArticleMessage))]
[JsonSerializable(typeof(MsgMenuMessage))]
[JsonSerializable(typeof(WxCardMessage))]
internal sealed partial class ClientJson : JsonSerializerContext;
