namespace TcbPush.Server.Conversations;

/// <summary>
/// One entry of the conversation <c>(AppId, OpenId)</c> (SPEC §10.4): an inbound message, a passive or active reply,
/// or a typing change. <see cref="Seq"/> numbers the conversation's entries from 1 (0 on an entry not yet stored);
/// <see cref="Content"/> is the message as a JSON object, <see cref="Text"/> a one-line rendering of it.
/// </summary>
internal sealed record ConversationEntry(
    string AppId,
    string OpenId,
    long Seq,
    DateTimeOffset At,
    string Direction,
    string Via,
    string MsgType,
    string Text,
    string Content,
    string Status,
    string? Reason,
    long? DeliveryId);
