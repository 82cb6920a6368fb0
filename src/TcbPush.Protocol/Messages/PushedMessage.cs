using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TcbPush.Protocol.Messages;

/// <summary>
/// A message as WeChat pushes it, every field kept (in order, numbers as numbers), with the fields routing and
/// dedupe need checked and at hand.
/// </summary>
internal sealed class PushedMessage
{
    private readonly JsonObject fields;

    private PushedMessage(JsonObject fields, string toUserName, string fromUserName, long createTime, string msgType, string @event, string? msgId)
    {
        this.fields = fields;
        ToUserName = toUserName;
        FromUserName = fromUserName;
        CreateTime = createTime;
        MsgType = msgType;
        Event = @event;
        MsgId = msgId;
    }

    public string ToUserName { get; }

    /// <summary>The sender's openid.</summary>
    public string FromUserName { get; }

    /// <summary>Unix seconds.</summary>
    public long CreateTime { get; }

    public string MsgType { get; }

    /// <summary>The event name for <c>MsgType</c> <c>event</c>, else empty.</summary>
    public string Event { get; }

    public string? MsgId { get; }

    public bool IsEvent => MsgType == "event";

    /// <summary>
    /// What makes the message unique for dedupe: events carry no MsgId and are known by
    /// <c>FromUserName:CreateTime:Event</c>; other messages by their MsgId (or, lacking one, <c>FromUserName:CreateTime:MsgType</c>).
    /// </summary>
    public string Identity => IsEvent
        ? string.Create(CultureInfo.InvariantCulture, $"{FromUserName}:{CreateTime}:{Event}")
        : MsgId ?? string.Create(CultureInfo.InvariantCulture, $"{FromUserName}:{CreateTime}:{MsgType}");

    /// <summary>Parses and checks a plaintext message body (XML or JSON).</summary>
    /// <exception cref="FormatException">unreadable, or a required field is missing or of the wrong form</exception>
    public static PushedMessage Parse(ReadOnlyMemory<byte> body) => From(WeChatMessageCodec.Read(body, out _));

    /// <summary>
    /// Checks that the fields make a message: <c>ToUserName</c>, <c>FromUserName</c>, <c>MsgType</c> present,
    /// <c>CreateTime</c> an integer, <c>Event</c> present for events.
    /// </summary>
    /// <exception cref="FormatException">a required field is missing or of the wrong form</exception>
    public static PushedMessage From(JsonObject fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var toUserName = Required(fields, "ToUserName");
        var fromUserName = Required(fields, "FromUserName");
        var msgType = Required(fields, "MsgType");
        var createTimeText = Required(fields, "CreateTime");
        if (!long.TryParse(createTimeText, NumberStyles.None, CultureInfo.InvariantCulture, out var createTime))
        {
            throw new FormatException("CreateTime must be a non-negative integer");
        }
        var @event = msgType == "event" ? Required(fields, "Event") : "";
        return new PushedMessage(fields, toUserName, fromUserName, createTime, msgType, @event, Scalar(fields, "MsgId"));
    }

    /// <summary>A top-level string or number field as text; null when absent or not a scalar.</summary>
    public string? Field(string name) => Scalar(fields, name);

    /// <summary>The message in WeChat's JSON or XML convention.</summary>
    public byte[] Encode(MessageFormat format) => WeChatMessageCodec.Write(fields, format);

    private static string Required(JsonObject fields, string name) =>
        Scalar(fields, name) is { Length: > 0 } value ? value : throw new FormatException($"{name} is missing");

    private static string? Scalar(JsonObject fields, string name) =>
        fields.TryGetPropertyValue(name, out var node) && node is JsonValue value
            ? value.GetValueKind() switch
            {
                JsonValueKind.String => value.GetValue<string>(),
                JsonValueKind.Number => value.ToJsonString(),
                _ => null,
            }
            : null;
}
