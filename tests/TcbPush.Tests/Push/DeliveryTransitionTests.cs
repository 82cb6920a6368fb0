using TcbPush.Server.Push;
using TcbPush.Server.Push.Delivery;

namespace TcbPush.Tests.Push;

/// <summary>What a delivery becomes after an attempt, with a retry schedule of 10 s then 60 s (three attempts, no jitter).</summary>
public sealed class DeliveryTransitionTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly RetrySchedule Schedule = new([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60)], jitter: 0);

    [Theory]
    // attempt, delivered, HTTP status, error -> status, due in seconds (-1: not due again)
    [InlineData(1, true, 200, null, DeliveryStatus.Delivered, -1)]
    [InlineData(3, true, 204, null, DeliveryStatus.Delivered, -1)]
    [InlineData(1, false, 500, "HTTP 500", DeliveryStatus.Pending, 10)]
    [InlineData(2, false, 503, "HTTP 503", DeliveryStatus.Pending, 60)]
    [InlineData(3, false, 500, "HTTP 500", DeliveryStatus.Dead, -1)]
    [InlineData(1, false, null, "timeout", DeliveryStatus.Pending, 10)]
    [InlineData(3, false, null, "connection refused", DeliveryStatus.Dead, -1)]
    public void Attempt_outcome_decides_the_next_state(int attempt, bool delivered, int? statusCode, string? error, string status, int dueInSeconds)
    {
        var log = new DeliveryAttempt(attempt, Now, "http://target/x", statusCode, 12, "", error);

        var next = DeliveryTransition.AfterAttempt(new AttemptResult(log, delivered, []), Schedule, Now);

        var due = dueInSeconds < 0 ? (DateTimeOffset?)null : Now + TimeSpan.FromSeconds(dueInSeconds);
        Assert.Equal(new DeliveryState(status, attempt, due, statusCode, error), next);
    }
}
