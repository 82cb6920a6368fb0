using System.Text.Json.Nodes;

namespace TcbPush.Server.Push;

/// <summary>One ingress request's wait for its message's passive reply; disposing it stops listening.</summary>
internal interface IPassiveReplyWait : IDisposable
{
    /// <summary>
    /// The reply the user is to see, in WeChat's field names, when the first attempt answered with a valid one within
    /// the window; null when it answered without one, failed, or the window passed. <paramref name="deliveryId"/> is
    /// the message's delivery, whose first attempt may be made on another node.
    /// </summary>
    Task<JsonObject?> ReplyAsync(long deliveryId, CancellationToken cancellationToken);
}
