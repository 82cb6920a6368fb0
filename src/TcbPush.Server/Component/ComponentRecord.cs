namespace TcbPush.Server.Component;

/// <summary>
/// A registered third-party platform: its secret (salted hash only) and the digest of the verify ticket it last
/// received, with when it received it (a ticket lives 12 hours).
/// </summary>
internal sealed record ComponentRecord(string ComponentAppId, byte[] SecretHash, byte[] TicketDigest, DateTimeOffset TicketReceivedAt);
