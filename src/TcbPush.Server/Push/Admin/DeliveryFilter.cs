using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using TcbPush.Protocol;
using TcbPush.Protocol.Admin;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Push.Admin;

/// <summary>Reads a delivery-log filter from the list endpoint's query or a replay body; 40097 for any bad condition.</summary>
internal static class DeliveryFilter
{
    public const int DefaultLimit = 50;
    public const int MaxListLimit = 500;
    public const int MaxReplay = 1000;

    public static Result<DeliveryQuery> FromQuery(IQueryCollection query)
    {
        long? beforeId = null;
        int? limit = null;
        if (Text(query["before_id"]) is { } beforeText)
        {
            if (!long.TryParse(beforeText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return new WeChatError(ErrCode.InvalidArgs, "before_id must be a delivery id");
            }
            beforeId = parsed;
        }
        if (Text(query["limit"]) is { } limitText)
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return new WeChatError(ErrCode.InvalidArgs, $"limit must be 1-{MaxListLimit}");
            }
            limit = parsed;
        }
        return Create(Text(query["appid"]), Text(query["status"]), Text(query["msg_type"]), Text(query["since"]), Text(query["until"]),
            beforeId, limit ?? DefaultLimit, MaxListLimit);
    }

    public static Result<DeliveryQuery> FromReplay(ReplayRequest request) =>
        Create(Blank(request.AppId), Blank(request.Status), Blank(request.MsgType), Blank(request.Since), Blank(request.Until),
            request.BeforeId, request.Limit ?? MaxReplay, MaxReplay);

    private static Result<DeliveryQuery> Create(string? appId, string? status, string? msgType, string? since, string? until,
        long? beforeId, int limit, int maxLimit)
    {
        if (status is not null && !DeliveryStatus.All.Contains(status))
        {
            return new WeChatError(ErrCode.InvalidArgs, $"status must be one of {string.Join(", ", DeliveryStatus.All)}");
        }
        if (limit < 1 || limit > maxLimit)
        {
            return new WeChatError(ErrCode.InvalidArgs, $"limit must be 1-{maxLimit}");
        }
        if (beforeId < 1)
        {
            return new WeChatError(ErrCode.InvalidArgs, "before_id must be a delivery id");
        }
        var from = Time(since, "since");
        if (from.Error is { } badSince)
        {
            return badSince;
        }
        var to = Time(until, "until");
        if (to.Error is { } badUntil)
        {
            return badUntil;
        }
        return new DeliveryQuery(appId, status, msgType, from.Value, to.Value, beforeId, limit);
    }

    private static Result<DateTimeOffset?> Time(string? text, string field)
    {
        if (text is null)
        {
            return (DateTimeOffset?)null;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : new WeChatError(ErrCode.InvalidArgs, $"{field} must be an ISO-8601 time such as 2025-01-31T08:00:00Z");
    }

    private static string? Text(StringValues values) => Blank(values.ToString());

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
