namespace TcbPush.Server.Push.Delivery;

/// <summary>
/// The delivery state machine. A stored delivery is <c>pending</c> and due at once (or <c>unrouted</c>, never due);
/// a claim makes it <c>delivering</c>, due again when its lease ends (so a delivery whose node died is claimed again);
/// a replay is a new pending delivery of the same message. After each attempt this function decides what comes next:
/// <c>delivered</c>; <c>pending</c> again at the retry schedule's next time; or <c>dead</c> after the last attempt, or at
/// once when the failure is permanent.
/// </summary>
internal static class DeliveryTransition
{
    /// <summary>The state after <paramref name="result"/>, the attempt that ended at <paramref name="now"/>.</summary>
    public static DeliveryState AfterAttempt(AttemptResult result, RetrySchedule schedule, DateTimeOffset now)
    {
        var log = result.Log;
        if (result.Delivered)
        {
            return new DeliveryState(DeliveryStatus.Delivered, log.Attempt, null, log.StatusCode, log.Error);
        }
        return !result.Permanent && schedule.NextAttemptAt(log.Attempt, now) is { } retryAt
            ? new DeliveryState(DeliveryStatus.Pending, log.Attempt, retryAt, log.StatusCode, log.Error)
            : new DeliveryState(DeliveryStatus.Dead, log.Attempt, null, log.StatusCode, log.Error);
    }
}
