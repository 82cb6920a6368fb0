namespace TcbPush.Protocol.Messages;

/// <summary>The two encodings WeChat pushes messages in.</summary>
internal enum MessageFormat
{
    Json,
    Xml,
}
