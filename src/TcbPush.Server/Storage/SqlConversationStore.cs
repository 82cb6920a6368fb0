using System.Data.Common;
using TcbPush.Server.Conversations;
using TcbPush.Server.Push;

namespace TcbPush.Server.Storage;

/// <summary>
/// Conversations, one SQL text for both backends. An active reply takes from its window's quota with one conditional
/// UPDATE of the conversation's row: SQLite's one writer runs it with no other write in between, PostgreSQL's row lock
/// makes concurrent replies on any node take turns, so a quota is never overspent. Inbound entries are written by
/// <see cref="SqlPushStore"/> through <see cref="WriteInboundAsync"/>, inside the message's own transaction. Watchers
/// are woken after COMMIT: in process on SQLite, through <see cref="SqlDialect.ConversationChannel"/> on every node of
/// PostgreSQL.
/// </summary>
internal sealed class SqlConversationStore(ISqlDatabase db, InboundEntries inbound, IConversationWakeup wakeup) : IConversationStore
{
    /// <summary>
    /// Counts an entry into its conversation (creating it) and returns the entry's number; with a trigger ($4 not
    /// NULL) the new window replaces the old one and its quota starts unused.
    /// </summary>
    private const string Touch =
        "INSERT INTO conversations (appid, openid, last_seq, last_at, window_trigger, window_opened_at, window_expires_at, window_quota, window_used) " +
        "VALUES ($1, $2, 1, $3, $4, $5, $6, COALESCE($7, 0), 0) ON CONFLICT (appid, openid) DO UPDATE SET " +
        "last_seq = conversations.last_seq + 1, last_at = excluded.last_at, " +
        "window_trigger = COALESCE(excluded.window_trigger, conversations.window_trigger), " +
        "window_opened_at = COALESCE(excluded.window_opened_at, conversations.window_opened_at), " +
        "window_expires_at = COALESCE(excluded.window_expires_at, conversations.window_expires_at), " +
        "window_quota = CASE WHEN excluded.window_trigger IS NULL THEN conversations.window_quota ELSE excluded.window_quota END, " +
        "window_used = CASE WHEN excluded.window_trigger IS NULL THEN conversations.window_used ELSE 0 END " +
        "RETURNING last_seq";

    /// <summary>Takes $4 (0 or 1) from an open window's quota and numbers the entry; no row when the window is shut or used up.</summary>
    private const string TakeFromWindow =
        "UPDATE conversations SET last_seq = last_seq + 1, last_at = $3, window_used = window_used + $4 " +
        "WHERE appid = $1 AND openid = $2 AND window_expires_at > $3 AND window_used + $4 <= window_quota RETURNING last_seq";

    /// <summary>
    /// <see cref="Touch"/> and <see cref="InsertEntry"/> as one statement, for <see cref="SqlDialect.ChainsWrites"/>:
    /// the entry is numbered by the conversation row it has just locked; returns that number.
    /// </summary>
    private const string TouchAndInsertEntry =
        "WITH c AS (" + Touch + ") INSERT INTO conversation_entries " +
        "(appid, openid, seq, at, direction, via, msg_type, text, content, status, reason, delivery_id) " +
        "SELECT $1::text, $2::text, c.last_seq, $3::bigint, $8::text, $9::text, $10::text, $11::text, $12::text, $13::text, $14::text, $15::bigint " +
        "FROM c RETURNING seq";

    private const string InsertEntry =
        "INSERT INTO conversation_entries (appid, openid, seq, at, direction, via, msg_type, text, content, status, reason, delivery_id) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";

    private const string EntryColumns = "appid, openid, seq, at, direction, via, msg_type, text, content, status, reason, delivery_id";

    /// <summary>
    /// The message's inbound entry and the window it opens, worked out before the push store's write so that the one
    /// writer does not parse the message.
    /// </summary>
    public (ConversationEntry Entry, ReplyWindow? Window) Inbound(InboundMessage message, DateTimeOffset now) => inbound.For(message, now);

    /// <summary>Adds the message's inbound entry and opens its window; runs inside the push store's write.</summary>
    public async ValueTask WriteInboundAsync(ISqlSession s, (ConversationEntry Entry, ReplyWindow? Window) inbound, long? deliveryId) =>
        await InsertAsync(s, inbound.Entry with { DeliveryId = deliveryId }, inbound.Window);

    /// <summary>Deletes every conversation, its entries and its reply window, inside the caller's transaction (a reset); returns how many conversations.</summary>
    public static async ValueTask<int> DeleteAllAsync(ISqlSession s)
    {
        await s.ExecuteAsync("DELETE FROM conversation_entries");
        return await s.ExecuteAsync("DELETE FROM conversations");
    }

    /// <summary>
    /// Deletes up to <paramref name="batchSize"/> entries written before <paramref name="beforeMs"/> (Unix ms), inside
    /// the caller's transaction (retention). The conversations themselves stay: their numbering and reply windows go on.
    /// </summary>
    public static async ValueTask<int> DeleteEntriesBeforeAsync(ISqlSession s, long beforeMs, int batchSize) =>
        await s.ExecuteAsync(
            "DELETE FROM conversation_entries WHERE (appid, openid, seq) IN " +
            "(SELECT appid, openid, seq FROM conversation_entries WHERE at < $1 ORDER BY at LIMIT $2)", beforeMs, batchSize);

    /// <summary>Wakes the conversation's watchers on this node; call once the write that added entries has committed.</summary>
    public void Committed(string appId, string openId)
    {
        if (db.Dialect.ConversationChannel is null)
        {
            wakeup.Notify(appId, openId);
        }
    }

    public async Task<bool> IsKnownAsync(string appId, string openId) => (await db.ReadAsync(s =>
        s.QueryAsync("SELECT 1 FROM conversations WHERE appid = $1 AND openid = $2", _ => true, appId, openId))).Count > 0;

    public async Task<ActiveReplyResult> ReplyAsync(ConversationEntry entry, bool consumesQuota)
    {
        var at = entry.At.ToUnixTimeMilliseconds();
        var result = await db.WriteAsync(async s =>
        {
            var seq = await s.QueryAsync(TakeFromWindow, r => r.GetInt64(0), entry.AppId, entry.OpenId, at, consumesQuota ? 1L : 0L);
            if (seq.Count == 0)
            {
                var expires = await s.QueryAsync("SELECT window_expires_at FROM conversations WHERE appid = $1 AND openid = $2",
                    r => r.GetNullableInt64(0), entry.AppId, entry.OpenId);
                return expires is [{ } until] && until > at ? ActiveReplyResult.QuotaUsed : ActiveReplyResult.NoWindow;
            }
            var stored = entry with { Seq = seq[0] };
            await AddEntryAsync(s, stored);
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
        var stored = await db.WriteAsync(s => InsertAsync(s, entry, null));
        Committed(entry.AppId, entry.OpenId);
        return stored;
    }

    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(string appId, int limit, int offset) => await db.ReadAsync(s => s.QueryAsync(
        "SELECT openid, last_seq, last_at FROM conversations WHERE appid = $1 ORDER BY last_at DESC, openid LIMIT $2 OFFSET $3",
        r => new ConversationSummary(r.GetString(0), r.GetInt64(1), r.GetTime(2)),
        appId, (long)limit, (long)offset));

    public async Task<IReadOnlyList<ConversationEntry>> EntriesAsync(string appId, string openId, long afterSeq, int limit) =>
        await db.ReadAsync(s => s.QueryAsync(
            $"SELECT {EntryColumns} FROM conversation_entries WHERE appid = $1 AND openid = $2 AND seq > $3 ORDER BY seq LIMIT $4",
            MapEntry, appId, openId, afterSeq, (long)limit));

    public async Task<ConversationEntry?> FindPassiveReplyAsync(string appId, string openId, long deliveryId) =>
        (await db.ReadAsync(s => s.QueryAsync(
            $"SELECT {EntryColumns} FROM conversation_entries WHERE appid = $1 AND openid = $2 AND via = 'passive' AND delivery_id = $3 LIMIT 1",
            MapEntry, appId, openId, deliveryId))).SingleOrDefault();

    private static ConversationEntry MapEntry(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetTime(3), r.GetString(4),
            r.GetString(5), r.GetString(6), r.GetString(7), r.GetString(8), r.GetString(9), r.GetNullableString(10), r.GetNullableInt64(11));

    private async ValueTask<ConversationEntry> InsertAsync(ISqlSession s, ConversationEntry entry, ReplyWindow? window)
    {
        var at = entry.At.ToUnixTimeMilliseconds();
        if (db.Dialect.ChainsWrites)
        {
            var seq = await s.Int64Async(TouchAndInsertEntry, entry.AppId, entry.OpenId, at, window?.Trigger,
                window?.OpenedAt.ToUnixTimeMilliseconds(), window?.ExpiresAt.ToUnixTimeMilliseconds(), window?.Quota,
                entry.Direction, entry.Via, entry.MsgType, entry.Text, entry.Content, entry.Status, entry.Reason, entry.DeliveryId);
            NotifyWatchers(s, entry);
            return entry with { Seq = seq };
        }
        var stored = entry with
        {
            Seq = await s.Int64Async(Touch, entry.AppId, entry.OpenId, at, window?.Trigger,
                window?.OpenedAt.ToUnixTimeMilliseconds(), window?.ExpiresAt.ToUnixTimeMilliseconds(), window?.Quota),
        };
        await AddEntryAsync(s, stored);
        return stored;
    }

    private async ValueTask AddEntryAsync(ISqlSession s, ConversationEntry e)
    {
        await s.ExecuteAsync(InsertEntry, e.AppId, e.OpenId, e.Seq, e.At.ToUnixTimeMilliseconds(), e.Direction, e.Via, e.MsgType, e.Text,
            e.Content, e.Status, e.Reason, e.DeliveryId);
        NotifyWatchers(s, e);
    }

    private void NotifyWatchers(ISqlSession s, ConversationEntry e)
    {
        if (db.Dialect.ConversationChannel is { } channel)
        {
            s.NotifyAfterCommit(channel, e.AppId + " " + e.OpenId);
        }
    }
}
