using TcbPush.Protocol.Messages;

namespace TcbPush.Server.Push;

/// <summary>
/// A delivery the worker holds under a lease: everything needed to make its next attempt, including the trace context
/// of its message (null for messages stored without one).
/// </summary>
internal sealed record ClaimedDelivery(
    long Id, string AppId, string Env, string TargetUrl, MessageFormat Format, int Attempts, string FromUser, byte[] Payload,
    string? TraceParent = null);
