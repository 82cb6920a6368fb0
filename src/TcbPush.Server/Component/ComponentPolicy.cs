namespace TcbPush.Server.Component;

/// <summary>The third-party platform rules of SPEC §3 that are numbers.</summary>
internal static class ComponentPolicy
{
    /// <summary>How long a component verify ticket may be used after it was received.</summary>
    public static readonly TimeSpan TicketLifetime = TimeSpan.FromHours(12);

    /// <summary>How long an authorization code may be redeemed (once) by <c>api_query_auth</c>.</summary>
    public static readonly TimeSpan AuthorizationCodeLifetime = TimeSpan.FromMinutes(10);

    /// <summary>The <c>expires_in</c> of a pre-auth code.</summary>
    public static readonly TimeSpan PreAuthCodeLifetime = TimeSpan.FromMinutes(10);

    /// <summary>How stale this node's view of an authorization may get (another node may have revoked it).</summary>
    public static readonly TimeSpan AccessCacheLifetime = TimeSpan.FromSeconds(10);

    /// <summary>An authorizer token may call the tcb APIs when its authorization holds permission set 49 or 64.</summary>
    public static bool AllowsTcb(IReadOnlyList<int> permissionSets) => permissionSets.Contains(49) || permissionSets.Contains(64);
}
