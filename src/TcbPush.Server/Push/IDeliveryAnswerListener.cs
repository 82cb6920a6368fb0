namespace TcbPush.Server.Push;

/// <summary>A feature that looks at what targets answer (passive replies); called after each attempt is recorded.</summary>
internal interface IDeliveryAnswerListener
{
    Task OnAnswerAsync(DeliveryAnswer answer);
}
