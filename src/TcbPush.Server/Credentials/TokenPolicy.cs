namespace TcbPush.Server.Credentials;

/// <summary>The token rules of SPEC §3 that are numbers.</summary>
internal static class TokenPolicy
{
    /// <summary>How long a superseded token keeps working after its successor is issued.</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    /// <summary>A stable token with less than this left is renewed instead of returned.</summary>
    public static readonly TimeSpan StableRenewBefore = TimeSpan.FromMinutes(5);

    public const int StableForceRefreshPerDay = 20;

    /// <summary>A cloud-call token's lifetime (WeChat Cloud Hosting's: 30 minutes).</summary>
    public static readonly TimeSpan CloudCallLifetime = TimeSpan.FromMinutes(30);

    /// <summary>A cloud-call token is handed to deliveries while it has more than this left, so each gets at least this long.</summary>
    public static readonly TimeSpan CloudCallRenewBefore = TimeSpan.FromMinutes(20);

    public static readonly TimeSpan StableForceRefreshSpacing = TimeSpan.FromSeconds(30);

    /// <summary>WeChat counts daily quotas in Beijing time.</summary>
    public static readonly TimeSpan QuotaDayOffset = TimeSpan.FromHours(8);

    /// <summary>How stale this node's view of a subject's generations may get; far below <see cref="Overlap"/>.</summary>
    public static readonly TimeSpan GenerationCacheLifetime = TimeSpan.FromSeconds(10);

    public static DateTimeOffset StartOfQuotaDay(DateTimeOffset now)
    {
        var local = now.ToOffset(QuotaDayOffset);
        return new DateTimeOffset(local.Year, local.Month, local.Day, 0, 0, 0, QuotaDayOffset);
    }
}
