using TcbPush.Protocol.Messages;

namespace TcbPush.Server.Push;

/// <summary>
/// A received message as stored: <see cref="MsgId"/> is its dedupe identity, <see cref="Raw"/> the bytes as received
/// (encrypted, in safe mode), <see cref="Payload"/> the plaintext message in WeChat's JSON form, which deliveries send.
/// <see cref="Simulated"/> when it was injected through the admin API or CLI rather than pushed. <see cref="TraceParent"/>
/// is the W3C trace context its deliveries continue (<see cref="PushTracing"/>).
/// </summary>
internal sealed record InboundMessage(
    string AppId, string MsgId, string MsgType, string Event, string FromUser, MessageFormat Format, byte[] Raw, byte[] Payload,
    bool Simulated = false, string? TraceParent = null);
