using TcbPush.Protocol.Messages;

namespace TcbPush.Server.Push.Ingress;

/// <summary>A push body checked and read: the message and the format it arrived in, or the rejection.</summary>
internal sealed record DecodedPush(PushedMessage? Message, MessageFormat Format, IngressRejection? Rejection)
{
    public static DecodedPush Accepted(PushedMessage message, MessageFormat format) => new(message, format, null);

    public static implicit operator DecodedPush(IngressRejection rejection) => new(null, MessageFormat.Json, rejection);
}
