using TcbPush.Server.Push;
using Keys = TcbPush.Server.Startup.TcbPushSettings.Keys;

namespace TcbPush.Server.Startup;

/// <summary>The rules a configured server must meet before it starts: one line per broken rule, naming the key.</summary>
internal static class TcbPushOptionsValidator
{
    public static IReadOnlyList<string> Validate(TcbPushOptions options)
    {
        var problems = new List<string>();
        foreach (var url in options.Urls.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).DefaultIfEmpty(""))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                problems.Add($"{Keys.Urls}: '{url}' is not an http or https URL");
            }
        }
        if (options.Storage is not ("sqlite" or "postgres"))
        {
            problems.Add($"{Keys.Storage}: '{options.Storage}' is not sqlite or postgres");
        }
        if (options.InMemory && options.Storage != "sqlite")
        {
            problems.Add($"{Keys.InMemory}: true needs {Keys.Storage} sqlite, not '{options.Storage}'");
        }
        AtLeast(problems, Keys.TokenTtl, options.TokenTtlSeconds, 1);
        AtLeast(problems, Keys.BodyLimit, options.BodyLimitBytes, 1);
        AtLeast(problems, Keys.RateLimitPerMinute, options.RateLimitPerMinute, 0);
        AtLeast(problems, Keys.MaxConcurrentRequests, options.MaxConcurrentRequests, 1);
        AtLeast(problems, Keys.MaxQueuedRequests, options.MaxQueuedRequests, 0);
        AtLeast(problems, Keys.MaxConnectionsPerAddress, options.MaxConnectionsPerAddress, 1);
        if (options.BodyReadTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{Keys.BodyReadTimeout}: '{Duration.Format(options.BodyReadTimeout)}' must be positive");
        }
        if (options.IdleMemoryTrim < TimeSpan.Zero)
        {
            problems.Add($"{Keys.IdleMemoryTrim}: '{Duration.Format(options.IdleMemoryTrim)}' must be positive, or 0 or off to keep the heap");
        }
        if (options.Conversations.PassiveReplyWindow < TimeSpan.Zero || options.Conversations.PassiveReplyWindow > TimeSpan.FromSeconds(60))
        {
            problems.Add($"{Keys.PassiveReplyWindow}: '{Duration.Format(options.Conversations.PassiveReplyWindow)}' must be 0-60 s");
        }
        if (options.LogFormat is not ("text" or "json"))
        {
            problems.Add($"{Keys.LogFormat}: '{options.LogFormat}' is not text or json");
        }
        ValidatePush(problems, options.Push);
        return problems;
    }

    private static void ValidatePush(List<string> problems, PushOptions push)
    {
        var schedule = push.RetrySchedule;
        if (schedule.Count == 0)
        {
            problems.Add($"{Keys.RetrySchedule}: must list at least one wait");
        }
        else if (schedule[0] <= TimeSpan.Zero || schedule.Zip(schedule.Skip(1)).Any(pair => pair.Second <= pair.First))
        {
            problems.Add($"{Keys.RetrySchedule}: '{string.Join(',', schedule.Select(Duration.Format))}' must be positive waits, each longer than the one before");
        }
        if (push.RetryJitter is < 0 or >= 1)
        {
            problems.Add($"{Keys.RetryJitter}: '{push.RetryJitter}' must be at least 0 and below 1");
        }
        if (push.DeliveryTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{Keys.DeliveryTimeout}: '{Duration.Format(push.DeliveryTimeout)}' must be positive");
        }
        if (push.ClaimLease <= push.DeliveryTimeout)
        {
            problems.Add($"{Keys.ClaimLease}: '{Duration.Format(push.ClaimLease)}' must be longer than {Keys.DeliveryTimeout} ({Duration.Format(push.DeliveryTimeout)})");
        }
        AtLeast(problems, Keys.MaxConcurrentDeliveries, push.MaxConcurrentDeliveries, 1);
        AtLeast(problems, Keys.MaxConcurrentPerTarget, push.MaxConcurrentPerTarget, 1);
        if (push.DedupeWindow <= TimeSpan.Zero)
        {
            problems.Add($"{Keys.DedupeWindow}: '{Duration.Format(push.DedupeWindow)}' must be positive");
        }
        if (push.Retention < TimeSpan.Zero)
        {
            problems.Add($"{Keys.Retention}: '{Duration.Format(push.Retention)}' must be positive, or 0 or off to keep everything");
        }
        AtLeast(problems, Keys.CircuitFailures, push.CircuitFailures, 1);
        if (push.CircuitCooldown <= TimeSpan.Zero)
        {
            problems.Add($"{Keys.CircuitCooldown}: '{Duration.Format(push.CircuitCooldown)}' must be positive");
        }
    }

    private static void AtLeast(List<string> problems, string key, int value, int minimum)
    {
        if (value < minimum)
        {
            problems.Add($"{key}: '{value}' must be at least {minimum}");
        }
    }
}
