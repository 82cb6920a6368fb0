using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using TcbPush.Protocol.Messages;
using TcbPush.Server.Push;

namespace TcbPush.Server.Storage.Sqlite;

/// <summary>
/// The push inbox and delivery log in SQLite. Writes go through the group-committing writer, with their statements
/// prepared once; the worker's queries name their index, because without statistics the planner would pick
/// push_deliveries_status and scan the whole backlog.
/// </summary>
internal sealed class SqlitePushStore(SqliteDatabase db) : IPushStore
{
    /// <summary>Deliveries the worker has yet to finish: pending, or claimed under a lease (their due_at is set).</summary>
    private const string Active = "status IN ('pending', 'delivering')";

    private const string InsertDedupe =
        "INSERT INTO push_dedupe (appid, dedupe_key, expires_at) VALUES ($0, $1, $2) " +
        "ON CONFLICT (appid, dedupe_key) DO UPDATE SET expires_at = excluded.expires_at WHERE push_dedupe.expires_at <= $3";

    private const string InsertMessage =
        "INSERT INTO push_messages (appid, msg_id, msg_type, event, from_user, received_at, format, raw, payload) " +
        "VALUES ($0, $1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";

    private const string InsertDelivery =
        "INSERT INTO push_deliveries (message_id, appid, status, target, target_url, env, format, attempts, due_at, created_at, " +
        "updated_at, last_error, replay_of) VALUES ($0, $1, $2, $3, $4, $5, $6, 0, $7, $8, $8, $9, $10) RETURNING id";

    /// <summary>The distinct targets with unfinished deliveries: one index seek per target (a loose index scan).</summary>
    private const string TargetsWithWork =
        "WITH RECURSIVE targets (url) AS (" +
        $"SELECT (SELECT MIN(target_url) FROM push_deliveries INDEXED BY push_deliveries_target WHERE {Active}) " +
        $"UNION ALL SELECT (SELECT MIN(target_url) FROM push_deliveries INDEXED BY push_deliveries_target WHERE {Active} " +
        "AND target_url > targets.url) FROM targets WHERE targets.url IS NOT NULL) SELECT url FROM targets WHERE url IS NOT NULL";

    private const string DueForTarget =
        $"SELECT id, due_at FROM push_deliveries INDEXED BY push_deliveries_target WHERE {Active} AND target_url = $1 " +
        "AND due_at <= $0 ORDER BY due_at LIMIT $2";

    private const string Claim =
        "UPDATE push_deliveries SET status = 'delivering', due_at = $1, updated_at = $2 WHERE id IN (SELECT value FROM json_each($0))";

    private const string Claimed =
        "SELECT d.id, d.appid, d.env, d.target_url, d.format, d.attempts, m.from_user, m.payload " +
        "FROM push_deliveries d JOIN push_messages m ON m.id = d.message_id WHERE d.id IN (SELECT value FROM json_each($0)) ORDER BY d.id";

    private const string InsertAttempt =
        "INSERT INTO push_attempts (delivery_id, attempt, at, target_url, status_code, latency_ms, response_excerpt, error) " +
        "VALUES ($0, $1, $2, $3, $4, $5, $6, $7) ON CONFLICT (delivery_id, attempt) DO NOTHING";

    private const string Reschedule =
        "UPDATE push_deliveries SET status = $1, attempts = $2, due_at = $3, updated_at = $4, last_status = $5, last_error = $6 " +
        "WHERE id = $0 AND status = 'delivering'";

    private const string RecordColumns =
        "d.id, d.appid, m.msg_id, m.msg_type, m.event, d.status, d.target, d.target_url, d.attempts, d.due_at, " +
        "d.created_at, d.updated_at, d.last_status, d.last_error, d.replay_of " +
        "FROM push_deliveries d JOIN push_messages m ON m.id = d.message_id";

    private readonly PreparedStatements writer = new();

    public Task<AcceptedMessage> AcceptAsync(InboundMessage message, DeliveryRoute route, DateTimeOffset now, DateTimeOffset dedupeUntil)
    {
        var at = now.ToUnixTimeMilliseconds();
        return db.WriteAsync(c =>
        {
            if (writer.Execute(c, InsertDedupe, message.AppId, message.MsgId, dedupeUntil.ToUnixTimeMilliseconds(), at) == 0)
            {
                return AcceptedMessage.Duplicate;
            }
            var messageId = writer.Int64(c, InsertMessage, message.AppId, message.MsgId, message.MsgType, message.Event,
                message.FromUser, at, FormatName(message.Format), message.Raw, message.Payload);
            var deliveryId = AddDelivery(c, messageId, message.AppId, route, at, replayOf: null);
            return new AcceptedMessage(deliveryId, route.IsRouted ? DeliveryStatus.Pending : DeliveryStatus.Unrouted);
        });
    }

    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(DeliveryClaim claim)
    {
        var now = claim.Now.ToUnixTimeMilliseconds();
        return await db.WriteAsync(c =>
        {
            var candidates = new List<(long Id, long DueAt)>();
            foreach (var target in writer.Query(c, TargetsWithWork, r => r.GetString(0)))
            {
                var free = Math.Min(claim.PerTargetLimit - claim.InFlight.GetValueOrDefault(target), claim.Max);
                if (free > 0)
                {
                    candidates.AddRange(writer.Query(c, DueForTarget, r => (r.GetInt64(0), r.GetInt64(1)), now, target, free));
                }
            }
            if (candidates.Count == 0)
            {
                return [];
            }
            var ids = JsonList(candidates.OrderBy(d => d.DueAt).Take(claim.Max).Select(d => d.Id));
            writer.Execute(c, Claim, ids, claim.LeaseUntil.ToUnixTimeMilliseconds(), now);
            return writer.Query(c, Claimed, r => new ClaimedDelivery(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3),
                ParseFormat(r.GetString(4)), r.GetInt32(5), r.GetString(6), (byte[])r.GetValue(7)), ids);
        });
    }

    public Task<DateTimeOffset?> NextDueAfterAsync(DateTimeOffset now) => db.ReadAsync(c =>
        c.Scalar<long?>($"SELECT MIN(due_at) FROM push_deliveries INDEXED BY push_deliveries_due WHERE {Active} AND due_at > $0",
            now.ToUnixTimeMilliseconds()) is { } due
            ? DateTimeOffset.FromUnixTimeMilliseconds(due)
            : (DateTimeOffset?)null);

    public Task RecordAsync(long deliveryId, DeliveryAttempt attempt, string status, DateTimeOffset? dueAt, DateTimeOffset now) =>
        db.WriteAsync(c =>
        {
            writer.Execute(c, InsertAttempt, deliveryId, attempt.Attempt, attempt.At.ToUnixTimeMilliseconds(), attempt.TargetUrl,
                attempt.StatusCode, attempt.LatencyMs, attempt.ResponseExcerpt, attempt.Error);
            return writer.Execute(c, Reschedule, deliveryId, status, attempt.Attempt, dueAt?.ToUnixTimeMilliseconds(),
                now.ToUnixTimeMilliseconds(), attempt.StatusCode, attempt.Error);
        });

    public Task ReleaseAsync(IReadOnlyCollection<long> deliveryIds, DateTimeOffset now) => db.WriteAsync(c =>
        c.Execute("UPDATE push_deliveries SET status = 'pending', due_at = $1 WHERE id IN (SELECT value FROM json_each($0)) " +
                  "AND status = 'delivering'", JsonList(deliveryIds), now.ToUnixTimeMilliseconds()));

    public async Task<IReadOnlyList<DeliveryRecord>> ListAsync(DeliveryQuery query)
    {
        var (where, args) = DeliveryListFilter.Build(query, firstParameter: 0);
        args.Add(query.Limit);
        var sql = $"SELECT {RecordColumns}{where} ORDER BY d.id DESC LIMIT ${args.Count - 1}";
        return await db.ReadAsync(c => c.Query(sql, MapRecord, [.. args]));
    }

    public async Task<IReadOnlyList<DeliveryRecord>> FindAsync(IReadOnlyCollection<long> deliveryIds) => await db.ReadAsync(c =>
        c.Query($"SELECT {RecordColumns} WHERE d.id IN (SELECT value FROM json_each($0)) ORDER BY d.id", MapRecord, JsonList(deliveryIds)));

    public async Task<IReadOnlyList<DeliveryAttempt>> AttemptsAsync(long deliveryId) => await db.ReadAsync(c => c.Query(
        "SELECT attempt, at, target_url, status_code, latency_ms, response_excerpt, error FROM push_attempts " +
        "WHERE delivery_id = $0 ORDER BY attempt",
        r => new DeliveryAttempt(r.GetInt32(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetString(2),
            r.IsDBNull(3) ? null : r.GetInt32(3), r.GetInt64(4), r.GetString(5), r.GetNullableString(6)),
        deliveryId));

    public async Task<IReadOnlyList<long>> ReplayAsync(IReadOnlyList<DeliveryReplay> replays, DateTimeOffset now)
    {
        var at = now.ToUnixTimeMilliseconds();
        return await db.WriteAsync(c => replays.Select(replay =>
        {
            var original = c.Query("SELECT message_id, appid FROM push_deliveries WHERE id = $0",
                r => (MessageId: r.GetInt64(0), AppId: r.GetString(1)), replay.OriginalId).Single();
            return AddDelivery(c, original.MessageId, original.AppId, replay.Route, at, replay.OriginalId);
        }).ToList());
    }

    public Task<IReadOnlyDictionary<string, long>> CountByStatusAsync() => db.ReadAsync<IReadOnlyDictionary<string, long>>(c =>
        c.Query("SELECT status, count(*) FROM push_deliveries GROUP BY status", r => (Status: r.GetString(0), Count: r.GetInt64(1)))
            .ToDictionary(row => row.Status, row => row.Count, StringComparer.Ordinal));

    public Task<PushReset> ResetAsync() => db.WriteAsync(c =>
    {
        var attempts = c.Execute("DELETE FROM push_attempts");
        var deliveries = c.Execute("DELETE FROM push_deliveries");
        c.Execute("DELETE FROM push_dedupe");
        var messages = c.Execute("DELETE FROM push_messages");
        return new PushReset(messages, deliveries, attempts);
    });

    public Task<int> PruneDedupeAsync(DateTimeOffset now) => db.WriteAsync(c =>
        c.Execute("DELETE FROM push_dedupe WHERE expires_at <= $0", now.ToUnixTimeMilliseconds()));

    private long AddDelivery(SqliteConnection c, long messageId, string appId, DeliveryRoute route, long now, long? replayOf) =>
        writer.Int64(c, InsertDelivery, messageId, appId, route.IsRouted ? DeliveryStatus.Pending : DeliveryStatus.Unrouted,
            route.Target, route.TargetUrl, route.Env, FormatName(route.Format), route.IsRouted ? now : null, now, route.Reason, replayOf);

    private static DeliveryRecord MapRecord(SqliteDataReader r)
    {
        var status = r.GetString(5);
        return new DeliveryRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), status,
            r.GetString(6), r.GetString(7), r.GetInt32(8),
            status == DeliveryStatus.Pending && !r.IsDBNull(9) ? DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9)) : null,
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(10)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(11)),
            r.IsDBNull(12) ? null : r.GetInt32(12), r.GetNullableString(13), r.IsDBNull(14) ? null : r.GetInt64(14));
    }

    private static string FormatName(MessageFormat format) => format == MessageFormat.Xml ? "xml" : "json";

    private static MessageFormat ParseFormat(string name) => name == "xml" ? MessageFormat.Xml : MessageFormat.Json;

    /// <summary>A JSON array of ids, for <c>json_each</c>: one constant statement whatever the list's length.</summary>
    private static string JsonList(IEnumerable<long> items) => new JsonArray([.. items.Select(i => JsonValue.Create(i))]).ToJsonString();
}
