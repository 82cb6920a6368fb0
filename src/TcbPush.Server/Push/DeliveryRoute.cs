using TcbPush.Protocol.Messages;

namespace TcbPush.Server.Push;

/// <summary>
/// Where a delivery goes, fixed when it is created: <see cref="Container"/> or <see cref="Function"/> with the full URL,
/// the env and the body format; or <see cref="None"/> (unrouted) with the reason.
/// </summary>
internal sealed record DeliveryRoute(string Target, string TargetUrl, string Env, MessageFormat Format, string? Reason)
{
    public const string Container = "container";
    public const string Function = "function";
    public const string None = "none";

    public bool IsRouted => Target != None;

    public static DeliveryRoute Unrouted(string reason) => new(None, "", "", MessageFormat.Json, reason);
}
