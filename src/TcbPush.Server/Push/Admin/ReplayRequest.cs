using System.Text.Json.Serialization;

namespace TcbPush.Server.Push.Admin;

/// <summary>The body of <c>POST /admin/deliveries/replay</c>: delivery ids, or a filter over the delivery log.</summary>
internal sealed record ReplayRequest(
    [property: JsonPropertyName("ids")] IReadOnlyList<long>? Ids = null,
    [property: JsonPropertyName("appid")] string? AppId = null,
    [property: JsonPropertyName("status")] string? Status = null,
    [property: JsonPropertyName("msg_type")] string? MsgType = null,
    [property: JsonPropertyName("since")] string? Since = null,
    [property: JsonPropertyName("until")] string? Until = null,
    [property: JsonPropertyName("before_id")] long? BeforeId = null,
    [property: JsonPropertyName("limit")] int? Limit = null)
{
    public bool HasFilter => AppId is not null || Status is not null || MsgType is not null || Since is not null || Until is not null || BeforeId is not null;
}
