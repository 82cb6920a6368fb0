namespace TcbPush.Server.Component;

/// <summary>Authorizations of components by authorizer apps, and the one-time codes that create them.</summary>
internal interface IAuthorizationStore
{
    Task<AuthorizationRecord?> FindAsync(string componentAppId, string authorizerAppId);

    Task<IReadOnlyList<AuthorizationRecord>> ListAsync();

    /// <summary>
    /// Grants or re-grants: stores <paramref name="grant"/>'s permission sets and refresh token digest and lifts any
    /// revocation. Returns true when anything changed (the stored grant time is then <paramref name="grant"/>'s);
    /// re-granting an unchanged, standing authorization changes nothing.
    /// </summary>
    Task<bool> GrantAsync(AuthorizationRecord grant);

    /// <summary>Marks a standing authorization revoked; false when there is none.</summary>
    Task<bool> RevokeAsync(string componentAppId, string authorizerAppId, DateTimeOffset at);

    /// <summary>Stores a new authorization code, dropping the codes that have expired by <paramref name="now"/>.</summary>
    Task AddCodeAsync(AuthorizationCode code, DateTimeOffset now);

    /// <summary>
    /// Atomically consumes the component's code with this digest and, when it has not expired, grants what it stands
    /// for with the given refresh token digest. Null when there is no such code, or it expired; a code works once.
    /// </summary>
    Task<AuthorizationRecord?> RedeemCodeAsync(string componentAppId, byte[] codeDigest, byte[] refreshTokenDigest, DateTimeOffset now);
}
