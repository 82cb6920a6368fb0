using System.Text.Json.Nodes;

namespace TcbPush.Server.Conversations;

/// <summary>
/// What a target's 2xx answer held: no reply (<see cref="IsNone"/>), a valid reply (<see cref="Fields"/>, in WeChat's
/// names, addressed to the user), or an invalid one (<see cref="Reason"/>).
/// </summary>
internal sealed record PassiveReply(string MsgType, JsonObject? Fields, string? Reason)
{
    public static PassiveReply None { get; } = new("", null, null);

    public bool IsNone => Fields is null && Reason is null;

    public bool IsValid => Fields is not null;

    public static PassiveReply Invalid(string msgType, string reason) => new(msgType, null, reason);
}
