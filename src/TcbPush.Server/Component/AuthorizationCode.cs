namespace TcbPush.Server.Component;

/// <summary>A pending authorization code (stored as a digest): the consent it stands for, usable once until it expires.</summary>
internal sealed record AuthorizationCode(
    byte[] CodeDigest,
    string ComponentAppId,
    string AuthorizerAppId,
    IReadOnlyList<int> PermissionSets,
    DateTimeOffset ExpiresAt);
