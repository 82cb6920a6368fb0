using TcbPush.Protocol.Admin;

namespace TcbPush.Server.Push.Admin;

/// <summary>The delivery log's records as the admin API's wire records (<see cref="AdminJson"/> writes them).</summary>
internal static class DeliveryWire
{
    public static DeliveryInfo Info(DeliveryRecord d) =>
        new(d.Id, d.AppId, d.MsgId, d.MsgType, d.Event, d.Status, d.Target, d.TargetUrl, d.Attempts, d.NextAttemptAt,
            d.CreatedAt, d.UpdatedAt, d.LastStatus, d.LastError, d.ReplayOf);

    public static DeliveryAttemptInfo Info(DeliveryAttempt a) =>
        new(a.Attempt, a.At, a.TargetUrl, a.StatusCode, a.LatencyMs, a.ResponseExcerpt, a.Error);
}
