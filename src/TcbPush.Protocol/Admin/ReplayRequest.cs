using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>
/// The body of <c>POST /admin/deliveries/replay</c>: delivery ids, or a filter over the delivery log (not both).
/// Times are ISO-8601 text, as in the list endpoint's query.
/// </summary>
/// <param name="Ids">The deliveries to replay (1-1000).</param>
/// <param name="AppId">Only this app's deliveries.</param>
/// <param name="Status">Only deliveries in this status, e.g. <c>dead</c>.</param>
/// <param name="MsgType">Only messages of this type.</param>
/// <param name="Since">Only deliveries created at or after this time.</param>
/// <param name="Until">Only deliveries created before this time.</param>
/// <param name="BeforeId">Only deliveries with a smaller id.</param>
/// <param name="Limit">At most this many (default and maximum 1000).</param>
public sealed record ReplayRequest(
    [property: JsonPropertyName("ids")] IReadOnlyList<long>? Ids = null,
    [property: JsonPropertyName("appid")] string? AppId = null,
    [property: JsonPropertyName("status")] string? Status = null,
    [property: JsonPropertyName("msg_type")] string? MsgType = null,
    [property: JsonPropertyName("since")] string? Since = null,
    [property: JsonPropertyName("until")] string? Until = null,
    [property: JsonPropertyName("before_id")] long? BeforeId = null,
    [property: JsonPropertyName("limit")] int? Limit = null)
{
    /// <summary>Whether any filter criterion is given (<see cref="Limit"/> alone is none).</summary>
    [JsonIgnore]
    public bool HasFilter => AppId is not null || Status is not null || MsgType is not null || Since is not null || Until is not null || BeforeId is not null;
}
