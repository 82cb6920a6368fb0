namespace TcbPush.Server.Credentials;

/// <summary>The issue history of token subjects (an app's plain tokens, its stable tokens, a component, an authorization).</summary>
internal interface ITokenStore
{
    /// <summary>The latest generation and every generation issued at or after <paramref name="since"/>, newest first.</summary>
    Task<IReadOnlyList<TokenGeneration>> RecentAsync(string kind, string subject, DateTimeOffset since);

    /// <summary>Removes the subject's whole history, so that every token ever issued for it answers 40014.</summary>
    Task RevokeAllAsync(string kind, string subject);

    /// <summary>
    /// Atomically: reads the subject's latest generation and its forced issues since <paramref name="forcedSince"/>,
    /// asks <paramref name="decide"/>, and when it answers with an expiry, durably issues the next generation.
    /// </summary>
    Task<TokenIssue> IssueAsync(string kind, string subject, DateTimeOffset forcedSince, Func<TokenHistory, TokenDecision> decide);
}

/// <summary>What <see cref="ITokenStore.IssueAsync"/> shows the deciding policy.</summary>
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
