namespace TcbPush.Server.Push;

/// <summary>
/// A request to claim due deliveries: at most <see cref="Max"/>, none for a target already holding
/// <see cref="PerTargetLimit"/> attempts (counting <see cref="InFlight"/>), leased until <see cref="LeaseUntil"/>.
/// </summary>
internal sealed record DeliveryClaim(
    DateTimeOffset Now, DateTimeOffset LeaseUntil, int Max, int PerTargetLimit, IReadOnlyDictionary<string, int> InFlight);
