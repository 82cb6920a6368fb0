namespace TcbPush.Server.Push;

/// <summary>A delivery as the delivery log shows it.</summary>
internal sealed record DeliveryRecord(
    long Id,
    string AppId,
    string MsgId,
    string MsgType,
    string Event,
    string Status,
    string Target,
    string TargetUrl,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int? LastStatus,
    string? LastError,
    long? ReplayOf);
