namespace TcbPush.Server.Push;

/// <summary>A new delivery of an earlier delivery's message along <see cref="Route"/>, referencing the original.</summary>
internal sealed record DeliveryReplay(long OriginalId, DeliveryRoute Route);
