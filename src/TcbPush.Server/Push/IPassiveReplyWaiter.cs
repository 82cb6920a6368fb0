using TcbPush.Protocol.Messages;

namespace TcbPush.Server.Push;

/// <summary>
/// Lets ingress answer a push with the passive reply of the message's first delivery attempt (SPEC §10.2's
/// synchronous window). Ingress calls <see cref="Expect"/> before it stores the message, so no answer is missed.
/// </summary>
internal interface IPassiveReplyWaiter
{
    /// <summary>Starts listening for the reply to the app's <paramref name="message"/>.</summary>
    IPassiveReplyWait Expect(string appId, PushedMessage message);
}
