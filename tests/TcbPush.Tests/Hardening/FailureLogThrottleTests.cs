using Microsoft.Extensions.Time.Testing;
using TcbPush.Server.Wire;

namespace TcbPush.Tests.Hardening;

/// <summary>A failing dependency logs one stack trace per kind a minute, not one per request.</summary>
public sealed class FailureLogThrottleTests
{
    [Fact]
    public void The_first_failure_of_a_kind_is_traced_then_not_again_within_the_minute()
    {
        var time = new FakeTimeProvider();
        var throttle = new FailureLogThrottle(time);

        var traced = Enumerable.Range(0, 100).Count(_ => throttle.ShouldTrace(new IOException("disk full")));

        Assert.Equal(1, traced);
    }

    [Fact]
    public void Another_kind_is_traced_on_its_own()
    {
        var throttle = new FailureLogThrottle(new FakeTimeProvider());
        throttle.ShouldTrace(new IOException("disk full"));

        Assert.True(throttle.ShouldTrace(new TimeoutException("database")));
    }

    [Fact]
    public void A_minute_later_the_kind_is_traced_again()
    {
        var time = new FakeTimeProvider();
        var throttle = new FailureLogThrottle(time);
        throttle.ShouldTrace(new IOException("disk full"));

        time.Advance(FailureLogThrottle.Interval - TimeSpan.FromSeconds(1));
        var early = throttle.ShouldTrace(new IOException("disk full"));
        time.Advance(TimeSpan.FromSeconds(1));
        var onTime = throttle.ShouldTrace(new IOException("disk full"));

        Assert.Equal((false, true), (early, onTime));
    }
}
