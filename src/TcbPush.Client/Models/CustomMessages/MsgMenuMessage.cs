using System.Text.Json;
using System.Text.Json.Serialization;

namespace TcbPush.Client;

/// <summary>A menu of choices the user can tap (official accounts). <c>msgtype</c> <c>msgmenu</c>.</summary>
/// <param name="List">The choices; at least one.</param>
/// <param name="HeadContent">The text above the choices.</param>
/// <param name="TailContent">The text below the choices.</param>
public sealed record MsgMenuMessage(
    [property: JsonPropertyName("list")] IReadOnlyList<MsgMenuItem> List,
    [property: JsonPropertyName("head_content")] string? HeadContent = null,
    [property: JsonPropertyName("tail_content")] string? TailContent = null) : CustomMessage
{
    /// <inheritdoc/>
    public override string MsgType => "msgmenu";

    internal override void WriteTo(Utf8JsonWriter json) => JsonSerializer.Serialize(json, this, ClientJson.Default.MsgMenuMessage);
}

/// <summary>One choice of a <see cref="MsgMenuMessage"/>.</summary>
/// <param name="Id">What the tap sends back.</param>
/// <param name="Content">The choice's text.</param>
public sealed record MsgMenuItem(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("content")] string Content);
