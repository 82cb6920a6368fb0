namespace TcbPush.Server.Component;

/// <summary>
/// An authorizer app's grant to a component: its permission sets (sorted, distinct), the digest of the refresh token
/// in force, when it was last granted, and when it was revoked (null while it stands).
/// </summary>
internal sealed record AuthorizationRecord(
    string ComponentAppId,
    string AuthorizerAppId,
    IReadOnlyList<int> PermissionSets,
    byte[] RefreshTokenDigest,
    DateTimeOffset GrantedAt,
    DateTimeOffset? RevokedAt)
{
    public bool IsActive => RevokedAt is null;
}
