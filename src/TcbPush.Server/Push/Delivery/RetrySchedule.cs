using System.Security.Cryptography;

namespace TcbPush.Server.Push.Delivery;

/// <summary>When a failed delivery is tried again: the configured waits, each with random jitter, then no more.</summary>
internal sealed class RetrySchedule
{
    private const int JitterSteps = 10_000;
    private readonly IReadOnlyList<TimeSpan> waits;
    private readonly double jitter;

    public RetrySchedule(IReadOnlyList<TimeSpan> waits, double jitter)
    {
        if (waits.Any(w => w < TimeSpan.Zero) || jitter is < 0 or >= 1)
        {
            throw new ArgumentException("retry waits must not be negative and the jitter must be in [0, 1)");
        }
        this.waits = waits;
        this.jitter = jitter;
    }

    /// <summary>Attempts in all: the first and one after each wait.</summary>
    public int MaxAttempts => waits.Count + 1;

    public static RetrySchedule From(PushOptions options) => new([.. options.RetrySchedule], options.RetryJitter);

    /// <summary>When to make the next attempt after attempt number <paramref name="failedAttempt"/> failed at <paramref name="now"/>; null when it was the last.</summary>
    public DateTimeOffset? NextAttemptAt(int failedAttempt, DateTimeOffset now)
    {
        if (failedAttempt >= MaxAttempts)
        {
            return null;
        }
        var wait = waits[failedAttempt - 1];
        var factor = 1 + jitter * RandomNumberGenerator.GetInt32(-JitterSteps, JitterSteps + 1) / JitterSteps;
        return now + wait * factor;
    }
}
