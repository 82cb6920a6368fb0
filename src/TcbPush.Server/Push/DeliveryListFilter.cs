using System.Globalization;
using System.Text;

namespace TcbPush.Server.Push;

/// <summary>
/// The WHERE clause of a delivery listing (over <c>push_deliveries d</c> joined to <c>push_messages m</c>) and its
/// values, for both backends: parameters are numbered <c>$1</c>, <c>$2</c>, …, so the caller's next one is
/// <c>$(Args.Count + 1)</c>.
/// </summary>
internal static class DeliveryListFilter
{
    public static (string Where, List<object?> Args) Build(DeliveryQuery query)
    {
        var where = new StringBuilder();
        var args = new List<object?>();
        void And(string condition, object value)
        {
            var parameter = "$" + (args.Count + 1).ToString(CultureInfo.InvariantCulture);
            where.Append(where.Length == 0 ? " WHERE " : " AND ").Append(condition.Replace("?", parameter, StringComparison.Ordinal));
            args.Add(value);
        }
        if (query.AppId is not null)
        {
            And("d.appid = ?", query.AppId);
        }
        if (query.Status is not null)
        {
            And("d.status = ?", query.Status);
        }
        if (query.MsgType is not null)
        {
            And("m.msg_type = ?", query.MsgType);
        }
        if (query.Since is { } since)
        {
            And("d.created_at >= ?", since.ToUnixTimeMilliseconds());
        }
        if (query.Until is { } until)
        {
            And("d.created_at < ?", until.ToUnixTimeMilliseconds());
        }
        if (query.BeforeId is { } beforeId)
        {
            And("d.id < ?", beforeId);
        }
        return (where.ToString(), args);
    }
}
