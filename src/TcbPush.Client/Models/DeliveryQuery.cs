using System.Globalization;
using System.Text;

namespace TcbPush.Client;

/// <summary>A filter for <c>GET /admin/deliveries</c>; every criterion left null is not applied. Results come newest first.</summary>
/// <param name="AppId">Only this app's deliveries.</param>
/// <param name="Status">Only deliveries in this status, e.g. <c>dead</c>.</param>
/// <param name="MsgType">Only messages of this type.</param>
/// <param name="Since">Only deliveries created at or after this time.</param>
/// <param name="Until">Only deliveries created before this time.</param>
/// <param name="Limit">At most this many (the server's default is 50).</param>
/// <param name="BeforeId">Only deliveries with a smaller id: the next page after a page whose last id this is.</param>
public sealed record DeliveryQuery(
    string? AppId = null,
    string? Status = null,
    string? MsgType = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    int? Limit = null,
    long? BeforeId = null)
{
    internal string ToQueryString()
    {
        var query = new StringBuilder();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }
        Add("appid", AppId);
        Add("status", Status);
        Add("msg_type", MsgType);
        Add("since", Since?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Add("until", Until?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Add("limit", Limit?.ToString(CultureInfo.InvariantCulture));
        Add("before_id", BeforeId?.ToString(CultureInfo.InvariantCulture));
        return query.ToString();
    }
}
