using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>The answer of an admin write (register, remove, revoke): whether anything changed.</summary>
/// <param name="Changed">False when the write found everything as it asked already.</param>
public sealed record ChangedResponse([property: JsonPropertyName("changed")] bool Changed);
