namespace TcbPush.Server.Apps;

/// <summary>
/// A registered app: its secret (salted hash only), its message-push token and EncodingAESKey, and its
/// <see cref="AppKind"/>.
/// </summary>
internal sealed record AppRecord(string AppId, byte[] SecretHash, string? MessageToken, string? EncodingAesKey, string Kind = AppKind.MiniProgram)
{
    public bool IsOfficialAccount => Kind == AppKind.OfficialAccount;
}
