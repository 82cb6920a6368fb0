namespace TcbPush.Protocol.Crypto;

/// <summary>A decrypted safe-mode message: the inner message bytes (UTF-8) and the appid it was encrypted for.</summary>
internal sealed record DecryptedMessage(byte[] Message, string AppId);
