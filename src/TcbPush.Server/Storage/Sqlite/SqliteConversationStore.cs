using Microsoft.Data.Sqlite;
using TcbPush.Server.Conversations;
using TcbPush.Server.Push;

namespace TcbPush.Server.Storage.Sqlite;

/// <summary>
/// Conversations in SQLite. Every write runs on the one writer connection, so an active reply's check of the window
/// and its take from the quota happen with no other write in between. Inbound entries are written by
/// <see cref="SqlitePushStore"/> through <see cref="WriteInbound"/>, inside the message's own transaction.
/// </summary>
internal sealed class SqliteConversationStore(SqliteDatabase db, InboundEntries inbound, IConversationWakeup wakeup) : IConversationStore
{
    /// <summary>
    /// Counts an entry into its conversation (creating it) and returns the entry's number; with a trigger ($3 not
    /// NULL) the new window replaces the old one and its quota starts unused.
    /// </summary>
    private const string Touch =
        "INSERT INTO conversations (appid, openid, last_seq, last_at, window_trigger, window_opened_at, window_expires_at, window_quota, window_used) " +
        "VALUES ($0, $1, 1, $2, $3, $4, $5, COALESCE($6, 0), 0) ON CONFLICT (appid, openid) DO UPDATE SET " +
        "last_seq = conversations.last_seq + 1, last_at = excluded.last_at, " +
        "window_trigger = COALESCE(excluded.window_trigger, conversations.window_trigger), " +
        "window_opened_at = COALESCE(excluded.window_opened_at, conversations.window_opened_at), " +
        "window_expires_at = COALESCE(excluded.window_expires_at, conversations.window_expires_at), " +
        "window_quota = CASE WHEN excluded.window_trigger IS NULL THEN conversations.window_quota ELSE excluded.window_quota END, " +
        "window_used = CASE WHEN excluded.window_trigger IS NULL THEN conversations.window_used ELSE 0 END " +
        "RETURNING last_seq";

    /// <summary>Takes $3 (0 or 1) from an open window's quota and numbers the entry; no row when the window is shut or used up.</summary>
    private const string TakeFromWindow =
        "UPDATE conversations SET last_seq = last_seq + 1, last_at = $2, window_used = window_used + $3 " +
        "WHERE appid = $0 AND openid = $1 AND window_expires_at > $2 AND window_used + $3 <= window_quota RETURNING last_seq";

    private const string InsertEntry =
        "INSERT INTO conversation_entries (appid, openid, seq, at, direction, via, msg_type, text, content, status, reason, delivery_id) " +
        "VALUES ($0, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";

    private const string EntryColumns = "appid, openid, seq, at, direction, via, msg_type, text, content, status, reason, delivery_id";

    private readonly PreparedStatements writer = new();

    /// <summary>Adds the message's inbound entry and opens its window; runs inside the push store's write.</summary>
    public void WriteInbound(SqliteConnection c, InboundMessage message, long? deliveryId, DateTimeOffset now)
    {
        var (entry, window) = inbound.For(message, now);
        Insert(c, entry with { DeliveryId = deliveryId }, window);
    }

    /// <summary>Wakes the conversation's watchers; call once the write that added entries has committed.</summary>
    public void Committed(string appId, string openId) => wakeup.Notify(appId, openId);

    public Task<bool> IsKnownAsync(string appId, string openId) => db.ReadAsync(c =>
        c.Scalar<long?>("SELECT 1 FROM conversations WHERE appid = $0 AND openid = $1", appId, openId) is not null);

    public async Task<ActiveReplyResult> ReplyAsync(ConversationEntry entry, bool consumesQuota)
    {
        var at = entry.At.ToUnixTimeMilliseconds();
        var result = await db.WriteAsync(c =>
        {
            var seq = writer.Query(c, TakeFromWindow, r => r.GetInt64(0), entry.AppId, entry.OpenId, at, consumesQuota ? 1 : 0);
            if (seq.Count == 0)
            {
                var open = c.Scalar<long?>("SELECT window_expires_at FROM conversations WHERE appid = $0 AND openid = $1",
                    entry.AppId, entry.OpenId) is { } expires && expires > at;
                return open ? ActiveReplyResult.QuotaUsed : ActiveReplyResult.NoWindow;
            }
            var stored = entry with { Seq = seq[0] };
            AddEntry(c, stored);
            return new ActiveReplyResult(stored, ActiveReplyRefusal.None);
        });
        if (result.Entry is not null)
        {
            Committed(entry.AppId, entry.OpenId);
        }
        return result;
    }

    public async Task<ConversationEntry> AppendAsync(ConversationEntry entry)
    {
        var stored = await db.WriteAsync(c => Insert(c, entry, null));
        Committed(entry.AppId, entry.OpenId);
        return stored;
    }

    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(string appId, int limit, int offset) => await db.ReadAsync(c => c.Query(
        "SELECT openid, last_seq, last_at FROM conversations WHERE appid = $0 ORDER BY last_at DESC, openid LIMIT $1 OFFSET $2",
        r => new ConversationSummary(r.GetString(0), r.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2))),
        appId, limit, offset));

    public async Task<IReadOnlyList<ConversationEntry>> EntriesAsync(string appId, string openId, long afterSeq, int limit) =>
        await db.ReadAsync(c => c.Query(
            $"SELECT {EntryColumns} FROM conversation_entries WHERE appid = $0 AND openid = $1 AND seq > $2 ORDER BY seq LIMIT $3",
            MapEntry, appId, openId, afterSeq, limit));

    public Task<ConversationEntry?> FindPassiveReplyAsync(string appId, string openId, long deliveryId) => db.ReadAsync(c => c.Query(
        $"SELECT {EntryColumns} FROM conversation_entries WHERE appid = $0 AND openid = $1 AND via = 'passive' AND delivery_id = $2 LIMIT 1",
        MapEntry, appId, openId, deliveryId).SingleOrDefault());

    private static ConversationEntry MapEntry(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInt64(2), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)), r.GetString(4),
            r.GetString(5), r.GetString(6), r.GetString(7), r.GetString(8), r.GetString(9), r.GetNullableString(10),
            r.IsDBNull(11) ? null : r.GetInt64(11));

    private ConversationEntry Insert(SqliteConnection c, ConversationEntry entry, ReplyWindow? window)
    {
        var seq = writer.Int64(c, Touch, entry.AppId, entry.OpenId, entry.At.ToUnixTimeMilliseconds(), window?.Trigger,
            window?.OpenedAt.ToUnixTimeMilliseconds(), window?.ExpiresAt.ToUnixTimeMilliseconds(), window?.Quota);
        var stored = entry with { Seq = seq };
        AddEntry(c, stored);
        return stored;
    }

    private void AddEntry(SqliteConnection c, ConversationEntry e) =>
        writer.Execute(c, InsertEntry, e.AppId, e.OpenId, e.Seq, e.At.ToUnixTimeMilliseconds(), e.Direction, e.Via, e.MsgType, e.Text,
            e.Content, e.Status, e.Reason, e.DeliveryId);
}
