namespace TcbPush.Server.Credentials;

/// <summary>The issue history of token subjects (an app's plain tokens, its stable tokens, a component, an authorization).</summary>
internal interface ITokenStore
{
    /// <summary>
    /// The latest generation, every generation issued at or after <paramref name="since"/> and the revocation marker
    /// if any, newest first.
    /// </summary>
    Task<IReadOnlyList<TokenGeneration>> RecentAsync(string kind, string subject, DateTimeOffset since);

    /// <summary>
    /// Ends the subject's history: every token ever issued for it answers 40014. Only its latest generation is kept, as
    /// the revocation marker, so that later generations are numbered after it and no old token comes back to life.
    /// </summary>
    Task RevokeAllAsync(string kind, string subject);

    /// <summary>
    /// Atomically: reads the subject's latest generation and its forced issues since <paramref name="forcedSince"/>,
    /// asks <paramref name="decide"/>, and when it answers with an expiry, durably issues the next generation. With
    /// <paramref name="appId"/>, refuses with 40013 when that app is not registered at that moment: a token is never
    /// issued for an app whose removal has committed.
    /// </summary>
    Task<TokenIssue> IssueAsync(string kind, string subject, DateTimeOffset forcedSince, Func<TokenHistory, TokenDecision> decide,
        string? appId = null);
}

/// <summary>What <see cref="ITokenStore.IssueAsync"/> shows the deciding policy (a revocation marker is no latest generation).</summary>
internal sealed record TokenHistory(TokenGeneration? Latest, int ForcedCount, DateTimeOffset? LastForcedAt);

/// <summary>The policy's answer: issue a new generation, keep the latest, or refuse with an error code.</summary>
internal sealed record TokenDecision(DateTimeOffset? IssueAt, DateTimeOffset? ExpiresAt, bool Forced, int RefusedWith)
{
    public static TokenDecision Keep { get; } = new(null, null, false, 0);

    public static TokenDecision Issue(DateTimeOffset at, DateTimeOffset expires, bool forced = false) => new(at, expires, forced, 0);

    public static TokenDecision Refuse(int errcode) => new(null, null, false, errcode);
}

/// <summary>The generation in force after <see cref="ITokenStore.IssueAsync"/>, or the refusal.</summary>
internal sealed record TokenIssue(TokenGeneration? Generation, int RefusedWith);
