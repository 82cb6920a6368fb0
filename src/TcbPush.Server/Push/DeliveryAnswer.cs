namespace TcbPush.Server.Push;

/// <summary>
/// How one attempt of a delivery went, once it is recorded: its number, whether it delivered (2xx in time), and the
/// start of the target's answer (up to <see cref="MaxBodyBytes"/>), which may hold a passive reply.
/// </summary>
internal sealed record DeliveryAnswer(ClaimedDelivery Delivery, int Attempt, bool Delivered, byte[] Body)
{
    public const int MaxBodyBytes = 64 * 1024;
}
