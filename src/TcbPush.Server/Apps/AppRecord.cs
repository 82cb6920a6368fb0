namespace TcbPush.Server.Apps;

/// <summary>A registered app: its secret (salted hash only), and its message-push token and EncodingAESKey.</summary>
internal sealed record AppRecord(string AppId, byte[] SecretHash, string? MessageToken, string? EncodingAesKey);
