using System.Threading.Channels;

namespace TcbPush.Server.Push.Delivery;

/// <summary>Wakes the delivery worker: a new delivery was stored, or an attempt finished and freed a slot.</summary>
internal sealed class DeliverySignal : IDeliveryWakeup
{
    private readonly Channel<bool> channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    public void Notify() => channel.Writer.TryWrite(true);

    /// <summary>Completes at the first notification since the last wait ended (at once when one is pending).</summary>
    public async Task WaitAsync(CancellationToken cancellationToken) => await channel.Reader.ReadAsync(cancellationToken);
}
