namespace TcbPush.Server.Credentials;

/// <summary>One issued token of a subject; the token string itself is never stored, it is re-derived.</summary>
internal sealed record TokenGeneration(long Generation, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, bool Forced);
