namespace TcbPush.Server.Push;

/// <summary>The outcome of storing a received message: its delivery and that delivery's status, or a duplicate (nothing stored).</summary>
internal sealed record AcceptedMessage(long? DeliveryId, string Status)
{
    public const string DuplicateStatus = "duplicate";

    public static AcceptedMessage Duplicate { get; } = new(null, DuplicateStatus);
}
