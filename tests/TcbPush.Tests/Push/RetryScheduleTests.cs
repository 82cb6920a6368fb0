using TcbPush.Server.Push;
using TcbPush.Server.Push.Delivery;

namespace TcbPush.Tests.Push;

public sealed class RetryScheduleTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Default_schedule_makes_nine_attempts()
    {
        Assert.Equal(9, RetrySchedule.From(new PushOptions()).MaxAttempts);
    }

    [Fact]
    public void Each_retry_comes_within_20_percent_of_its_scheduled_wait()
    {
        var options = new PushOptions();
        var schedule = RetrySchedule.From(options);
        for (var failed = 1; failed < schedule.MaxAttempts; failed++)
        {
            var wait = options.RetrySchedule[failed - 1];
            for (var sample = 0; sample < 200; sample++)
            {
                var next = schedule.NextAttemptAt(failed, Now)!.Value - Now;
                Assert.InRange(next, wait * 0.8, wait * 1.2);
            }
        }
    }

    [Fact]
    public void Jitter_spreads_the_retries()
    {
        var schedule = RetrySchedule.From(new PushOptions());

        var samples = Enumerable.Range(0, 50).Select(_ => schedule.NextAttemptAt(1, Now)).Distinct().Count();

        Assert.True(samples > 10, $"only {samples} distinct retry times in 50");
    }

    [Fact]
    public void There_is_no_retry_after_the_last_attempt()
    {
        var schedule = RetrySchedule.From(new PushOptions());

        Assert.NotNull(schedule.NextAttemptAt(schedule.MaxAttempts - 1, Now));
        Assert.Null(schedule.NextAttemptAt(schedule.MaxAttempts, Now));
    }

    [Fact]
    public void Schedule_is_taken_from_the_options()
    {
        var schedule = RetrySchedule.From(new PushOptions { RetrySchedule = [TimeSpan.FromSeconds(1)], RetryJitter = 0 });

        Assert.Equal(2, schedule.MaxAttempts);
        Assert.Equal(Now.AddSeconds(1), schedule.NextAttemptAt(1, Now));
    }
}
