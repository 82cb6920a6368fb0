namespace TcbPush.Protocol.Messages;

/// <summary>The two encodings WeChat pushes messages in.</summary>
public enum MessageFormat
{
    Json,
    Xml,
}
