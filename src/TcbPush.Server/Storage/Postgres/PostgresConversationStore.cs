using Npgsql;
using TcbPush.Server.Conversations;
using TcbPush.Server.Push;

namespace TcbPush.Server.Storage.Postgres;

/// <summary>
/// Conversations in PostgreSQL, shared by every node. An active reply takes from the quota with one conditional
/// UPDATE of the conversation's row: concurrent replies on any node wait for that row's lock and then see the quota
/// as the previous one left it, so a window's quota is never overspent. Every write notifies
/// <see cref="ConversationsChannel"/> at COMMIT, which wakes the watchers on every node.
/// </summary>
internal sealed class PostgresConversationStore(PostgresDatabase db, InboundEntries inbound) : IConversationStore
{
    /// <summary>The channel of "appid openid" notifications of new entries.</summary>
    public const string ConversationsChannel = "tcbpush_conversations";

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

    private const string TakeFromWindow =
        "UPDATE conversations SET last_seq = last_seq + 1, last_at = $3, window_used = window_used + $4 " +
        "WHERE appid = $1 AND openid = $2 AND window_expires_at > $3 AND window_used + $4 <= window_quota RETURNING last_seq";

    private const string InsertEntry =
        "INSERT INTO conversation_entries (appid, openid, seq, at, direction, via, msg_type, text, content, status, reason, delivery_id) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";

    private const string EntryColumns = "appid, openid, seq, at, direction, via, msg_type, text, content, status, reason, delivery_id";

    private const string Notify = $"SELECT pg_notify('{ConversationsChannel}', $1)";

    /// <summary>Adds the message's inbound entry and opens its window; runs inside the push store's transaction.</summary>
    public async Task WriteInboundAsync(NpgsqlConnection c, InboundMessage message, long? deliveryId, DateTimeOffset now)
    {
        var (entry, window) = inbound.For(message, now);
        await InsertAsync(c, entry with { DeliveryId = deliveryId }, window);
    }

    public async Task<bool> IsKnownAsync(string appId, string openId) => (await db.ReadAsync(c =>
        c.QueryAsync("SELECT 1 FROM conversations WHERE appid = $1 AND openid = $2", _ => true, appId, openId))).Count > 0;

    public Task<ActiveReplyResult> ReplyAsync(ConversationEntry entry, bool consumesQuota)
    {
        var at = entry.At.ToUnixTimeMilliseconds();
        return db.WriteAsync(async c =>
        {
            var seq = await c.QueryAsync(TakeFromWindow, r => r.GetInt64(0), entry.AppId, entry.OpenId, at, consumesQuota ? 1L : 0L);
            if (seq.Count == 0)
            {
                var expires = await c.QueryAsync("SELECT window_expires_at FROM conversations WHERE appid = $1 AND openid = $2",
                    r => r.GetNullableInt64(0), entry.AppId, entry.OpenId);
                return expires is [{ } until] && until > at ? ActiveReplyResult.QuotaUsed : ActiveReplyResult.NoWindow;
            }
            var stored = entry with { Seq = seq[0] };
            await AddEntryAsync(c, stored);
            return new ActiveReplyResult(stored, ActiveReplyRefusal.None);
        });
    }

    public Task<ConversationEntry> AppendAsync(ConversationEntry entry) => db.WriteAsync(c => InsertAsync(c, entry, null));

    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(string appId, int limit, int offset) => await db.ReadAsync(c => c.QueryAsync(
        "SELECT openid, last_seq, last_at FROM conversations WHERE appid = $1 ORDER BY last_at DESC, openid LIMIT $2 OFFSET $3",
        r => new ConversationSummary(r.GetString(0), r.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2))),
        appId, (long)limit, (long)offset));

    public async Task<IReadOnlyList<ConversationEntry>> EntriesAsync(string appId, string openId, long afterSeq, int limit) =>
        await db.ReadAsync(c => c.QueryAsync(
            $"SELECT {EntryColumns} FROM conversation_entries WHERE appid = $1 AND openid = $2 AND seq > $3 ORDER BY seq LIMIT $4",
            MapEntry, appId, openId, afterSeq, (long)limit));

    public async Task<ConversationEntry?> FindPassiveReplyAsync(string appId, string openId, long deliveryId) =>
        (await db.ReadAsync(c => c.QueryAsync(
            $"SELECT {EntryColumns} FROM conversation_entries WHERE appid = $1 AND openid = $2 AND via = 'passive' AND delivery_id = $3 LIMIT 1",
            MapEntry, appId, openId, deliveryId))).SingleOrDefault();

    private static ConversationEntry MapEntry(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInt64(2), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)), r.GetString(4),
            r.GetString(5), r.GetString(6), r.GetString(7), r.GetString(8), r.GetString(9), r.GetNullableString(10), r.GetNullableInt64(11));

    private static async Task<ConversationEntry> InsertAsync(NpgsqlConnection c, ConversationEntry entry, ReplyWindow? window)
    {
        var seq = await c.Int64Async(Touch, entry.AppId, entry.OpenId, entry.At.ToUnixTimeMilliseconds(), window?.Trigger,
            window?.OpenedAt.ToUnixTimeMilliseconds(), window?.ExpiresAt.ToUnixTimeMilliseconds(), window?.Quota);
        var stored = entry with { Seq = seq };
        await AddEntryAsync(c, stored);
        return stored;
    }

    private static async Task AddEntryAsync(NpgsqlConnection c, ConversationEntry e)
    {
        await c.ExecuteAsync(InsertEntry, e.AppId, e.OpenId, e.Seq, e.At.ToUnixTimeMilliseconds(), e.Direction, e.Via, e.MsgType, e.Text,
            e.Content, e.Status, e.Reason, e.DeliveryId);
        await c.ExecuteAsync(Notify, e.AppId + " " + e.OpenId);
    }
}
