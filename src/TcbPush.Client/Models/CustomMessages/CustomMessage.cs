using System.Text.Json;
using System.Text.Json.Serialization;

namespace TcbPush.Client;

/// <summary>
/// A customer-service message for <c>/cgi-bin/message/custom/send</c>: one record per <c>msgtype</c>. Mini programs may
/// send <see cref="TextMessage"/>, <see cref="ImageMessage"/>, <see cref="LinkMessage"/> and
/// <see cref="MiniProgramPageMessage"/>; official accounts every kind but <see cref="LinkMessage"/>.
/// </summary>
public abstract record CustomMessage
{
    /// <summary>The message's <c>msgtype</c>, which is also the name of its object in the request.</summary>
    [JsonIgnore]
    public abstract string MsgType { get; }

    /// <summary>Writes the msgtype's object.</summary>
    internal abstract void WriteTo(Utf8JsonWriter json);
}
