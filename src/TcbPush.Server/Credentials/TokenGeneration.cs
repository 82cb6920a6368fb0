namespace TcbPush.Server.Credentials;

/// <summary>
/// One issued token of a subject; the token string itself is never stored, it is re-derived. A <see cref="Revoked"/>
/// generation marks the subject's revocation: it and every earlier generation answer 40014, and numbering goes on
/// after it.
/// </summary>
internal sealed record TokenGeneration(long Generation, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, bool Forced, bool Revoked = false);
