namespace TcbPush.Server.Push;

/// <summary>A filter over the delivery log, newest first; every condition is optional. <see cref="Until"/> is exclusive.</summary>
internal sealed record DeliveryQuery(
    string? AppId = null,
    string? Status = null,
    string? MsgType = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    long? BeforeId = null,
    int Limit = 50)
{
    public bool IsEmpty => AppId is null && Status is null && MsgType is null && Since is null && Until is null && BeforeId is null;
}
