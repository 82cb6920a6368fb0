namespace TcbPush.Server.Push;

/// <summary>The states of a delivery, as stored and as the admin API shows them.</summary>
internal static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Delivering = "delivering";
    public const string Delivered = "delivered";
    public const string Dead = "dead";
    public const string Unrouted = "unrouted";

    public static IReadOnlyList<string> All { get; } = [Pending, Delivering, Delivered, Dead, Unrouted];
}
