using System.Diagnostics.Metrics;

namespace TcbPush.Server.Conversations;

/// <summary>
/// The replies instrument of SPEC §12: <c>tcbpush.replies</c>, tagged <c>via</c> (<c>passive</c>, <c>active</c>) and
/// <c>status</c> — a recorded reply's entry status (<c>sent</c>, <c>ignored</c>, <c>invalid</c>), or, for an active
/// reply the reply window refused, <c>no_window</c> (45015) or <c>quota_used</c> (45047). Typing changes and replies
/// refused by the message checks (40003, 40008, 40097, 45002) are not replies and are not counted.
/// </summary>
internal sealed class ReplyMetrics
{
    public const string MeterName = "TcbPush.Conversations";
    public const string NoWindow = "no_window";
    public const string QuotaUsed = "quota_used";
    private readonly Counter<long> replies;

    public ReplyMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        replies = meter.CreateCounter<long>("tcbpush.replies", "{reply}", "Replies to users, by via (passive, active) and status");
    }

    public void Replied(string via, string status) =>
        replies.Add(1, new KeyValuePair<string, object?>("via", via), new KeyValuePair<string, object?>("status", status));
}
