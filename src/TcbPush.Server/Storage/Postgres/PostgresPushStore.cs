using Npgsql;
using TcbPush.Protocol.Messages;
using TcbPush.Server.Push;

namespace TcbPush.Server.Storage.Postgres;

/// <summary>
/// The push inbox and delivery log in PostgreSQL, shared by every node. Ingress stores dedupe identity, message and
/// delivery in one transaction (the identity's primary key makes a second node's copy a duplicate). Claims lock their
/// rows with <c>FOR UPDATE SKIP LOCKED</c>, so that workers on several nodes never claim one delivery together, and
/// lease them as the SQLite store does: a delivery whose node died is claimed again when its lease runs out.
/// </summary>
internal sealed class PostgresPushStore(PostgresDatabase db) : IPushStore
{
    /// <summary>Deliveries the worker has yet to finish: pending, or claimed under a lease (their due_at is set).</summary>
    private const string Active = "status IN ('pending', 'delivering')";

    private const string InsertDedupe =
        "INSERT INTO push_dedupe AS d (appid, dedupe_key, expires_at) VALUES ($1, $2, $3) " +
        "ON CONFLICT (appid, dedupe_key) DO UPDATE SET expires_at = excluded.expires_at WHERE d.expires_at <= $4";

    private const string InsertMessage =
        "INSERT INTO push_messages (appid, msg_id, msg_type, event, from_user, received_at, format, raw, payload) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";

    private const string InsertDelivery =
        "INSERT INTO push_deliveries (message_id, appid, status, target, target_url, env, format, attempts, due_at, created_at, " +
        "updated_at, last_error, replay_of) VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9, $9, $10, $11) RETURNING id";

    /// <summary>The distinct targets with unfinished deliveries: one index seek per target (a loose index scan).</summary>
    private const string TargetsWithWork =
        "WITH RECURSIVE targets (url) AS (" +
        $"SELECT (SELECT MIN(target_url) FROM push_deliveries WHERE {Active}) " +
        $"UNION ALL SELECT (SELECT MIN(target_url) FROM push_deliveries WHERE {Active} AND target_url > targets.url) " +
        "FROM targets WHERE targets.url IS NOT NULL) SELECT url FROM targets WHERE url IS NOT NULL";

    /// <summary>A target's oldest due deliveries that no other node is claiming right now, locked until this claim commits.</summary>
    private const string DueForTarget =
        $"SELECT id, due_at FROM push_deliveries WHERE {Active} AND target_url = $2 AND due_at <= $1 " +
        "ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED";

    private const string Claim =
        "UPDATE push_deliveries SET status = 'delivering', due_at = $2, updated_at = $3 WHERE id = ANY($1)";

    private const string Claimed =
        "SELECT d.id, d.appid, d.env, d.target_url, d.format, d.attempts, m.from_user, m.payload " +
        "FROM push_deliveries d JOIN push_messages m ON m.id = d.message_id WHERE d.id = ANY($1) ORDER BY d.id";

    private const string InsertAttempt =
        "INSERT INTO push_attempts (delivery_id, attempt, at, target_url, status_code, latency_ms, response_excerpt, error) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (delivery_id, attempt) DO NOTHING";

    private const string Reschedule =
        "UPDATE push_deliveries SET status = $2, attempts = $3, due_at = $4, updated_at = $5, last_status = $6, last_error = $7 " +
        "WHERE id = $1 AND status = 'delivering'";

    /// <summary>Wakes the workers of every node at COMMIT (PostgreSQL folds a transaction's identical notifications into one).</summary>
    private const string NotifyWorkers = $"SELECT pg_notify('{PostgresDatabase.DeliveriesChannel}', '')";

    private const string RecordColumns =
        "d.id, d.appid, m.msg_id, m.msg_type, m.event, d.status, d.target, d.target_url, d.attempts, d.due_at, " +
        "d.created_at, d.updated_at, d.last_status, d.last_error, d.replay_of " +
        "FROM push_deliveries d JOIN push_messages m ON m.id = d.message_id";

    public Task<AcceptedMessage> AcceptAsync(InboundMessage message, DeliveryRoute route, DateTimeOffset now, DateTimeOffset dedupeUntil)
    {
        var at = now.ToUnixTimeMilliseconds();
        return db.WriteAsync(async c =>
        {
            if (await c.ExecuteAsync(InsertDedupe, message.AppId, message.MsgId, dedupeUntil.ToUnixTimeMilliseconds(), at) == 0)
            {
                return AcceptedMessage.Duplicate;
            }
            var messageId = await c.Int64Async(InsertMessage, message.AppId, message.MsgId, message.MsgType, message.Event,
                message.FromUser, at, FormatName(message.Format), message.Raw, message.Payload);
            var deliveryId = await AddDeliveryAsync(c, messageId, message.AppId, route, at, replayOf: null);
            if (route.IsRouted)
            {
                await c.ExecuteAsync(NotifyWorkers);
            }
            return new AcceptedMessage(deliveryId, route.IsRouted ? DeliveryStatus.Pending : DeliveryStatus.Unrouted);
        });
    }

    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(DeliveryClaim claim)
    {
        var now = claim.Now.ToUnixTimeMilliseconds();
        return await db.WriteAsync<IReadOnlyList<ClaimedDelivery>>(async c =>
        {
            var candidates = new List<(long Id, long DueAt)>();
            foreach (var target in await c.QueryAsync(TargetsWithWork, r => r.GetString(0)))
            {
                var free = Math.Min(claim.PerTargetLimit - claim.InFlight.GetValueOrDefault(target), claim.Max);
                if (free > 0)
                {
                    candidates.AddRange(await c.QueryAsync(DueForTarget, r => (r.GetInt64(0), r.GetInt64(1)), now, target, free));
                }
            }
            if (candidates.Count == 0)
            {
                return [];
            }
            // Rows locked but not taken here are unlocked at COMMIT, untouched.
            var ids = candidates.OrderBy(d => d.DueAt).Take(claim.Max).Select(d => d.Id).ToArray();
            await c.ExecuteAsync(Claim, ids, claim.LeaseUntil.ToUnixTimeMilliseconds(), now);
            return await c.QueryAsync(Claimed, r => new ClaimedDelivery(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3),
                ParseFormat(r.GetString(4)), r.GetInt32(5), r.GetString(6), (byte[])r.GetValue(7)), ids);
        });
    }

    public async Task<DateTimeOffset?> NextDueAfterAsync(DateTimeOffset now) =>
        (await db.ReadAsync(c => c.QueryAsync($"SELECT MIN(due_at) FROM push_deliveries WHERE {Active} AND due_at > $1",
            r => r.GetNullableInt64(0), now.ToUnixTimeMilliseconds()))).Single() is { } due
            ? DateTimeOffset.FromUnixTimeMilliseconds(due)
            : null;

    public Task RecordAsync(long deliveryId, DeliveryAttempt attempt, string status, DateTimeOffset? dueAt, DateTimeOffset now) =>
        db.WriteAsync(async c =>
        {
            await c.ExecuteAsync(InsertAttempt, deliveryId, attempt.Attempt, attempt.At.ToUnixTimeMilliseconds(), attempt.TargetUrl,
                attempt.StatusCode, attempt.LatencyMs, attempt.ResponseExcerpt, attempt.Error);
            return await c.ExecuteAsync(Reschedule, deliveryId, status, attempt.Attempt, dueAt?.ToUnixTimeMilliseconds(),
                now.ToUnixTimeMilliseconds(), attempt.StatusCode, attempt.Error);
        });

    public Task ReleaseAsync(IReadOnlyCollection<long> deliveryIds, DateTimeOffset now) => db.WriteAsync(async c =>
    {
        var released = await c.ExecuteAsync("UPDATE push_deliveries SET status = 'pending', due_at = $2 WHERE id = ANY($1) AND status = 'delivering'",
            deliveryIds.ToArray(), now.ToUnixTimeMilliseconds());
        if (released > 0)
        {
            await c.ExecuteAsync(NotifyWorkers);
        }
        return released;
    });

    public async Task<IReadOnlyList<DeliveryRecord>> ListAsync(DeliveryQuery query)
    {
        var (where, args) = DeliveryListFilter.Build(query, firstParameter: 1);
        args.Add(query.Limit);
        var sql = $"SELECT {RecordColumns}{where} ORDER BY d.id DESC LIMIT ${args.Count}";
        return await db.ReadAsync(c => c.QueryAsync(sql, MapRecord, [.. args]));
    }

    public async Task<IReadOnlyList<DeliveryRecord>> FindAsync(IReadOnlyCollection<long> deliveryIds) => await db.ReadAsync(c =>
        c.QueryAsync($"SELECT {RecordColumns} WHERE d.id = ANY($1) ORDER BY d.id", MapRecord, deliveryIds.ToArray()));

    public async Task<IReadOnlyList<DeliveryAttempt>> AttemptsAsync(long deliveryId) => await db.ReadAsync(c => c.QueryAsync(
        "SELECT attempt, at, target_url, status_code, latency_ms, response_excerpt, error FROM push_attempts " +
        "WHERE delivery_id = $1 ORDER BY attempt",
        r => new DeliveryAttempt(r.GetInt32(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetString(2),
            r.GetNullableInt32(3), r.GetInt64(4), r.GetString(5), r.GetNullableString(6)),
        deliveryId));

    public async Task<IReadOnlyList<long>> ReplayAsync(IReadOnlyList<DeliveryReplay> replays, DateTimeOffset now)
    {
        var at = now.ToUnixTimeMilliseconds();
        return await db.WriteAsync<IReadOnlyList<long>>(async c =>
        {
            var ids = new List<long>(replays.Count);
            foreach (var replay in replays)
            {
                var original = (await c.QueryAsync("SELECT message_id, appid FROM push_deliveries WHERE id = $1",
                    r => (MessageId: r.GetInt64(0), AppId: r.GetString(1)), replay.OriginalId)).Single();
                ids.Add(await AddDeliveryAsync(c, original.MessageId, original.AppId, replay.Route, at, replay.OriginalId));
            }
            await c.ExecuteAsync(NotifyWorkers);
            return ids;
        });
    }

    public Task<IReadOnlyDictionary<string, long>> CountByStatusAsync() => db.ReadAsync<IReadOnlyDictionary<string, long>>(async c =>
        (await c.QueryAsync("SELECT status, count(*) FROM push_deliveries GROUP BY status", r => (Status: r.GetString(0), Count: r.GetInt64(1))))
            .ToDictionary(row => row.Status, row => row.Count, StringComparer.Ordinal));

    public Task<PushReset> ResetAsync() => db.WriteAsync(async c =>
    {
        var attempts = await c.ExecuteAsync("DELETE FROM push_attempts");
        var deliveries = await c.ExecuteAsync("DELETE FROM push_deliveries");
        await c.ExecuteAsync("DELETE FROM push_dedupe");
        var messages = await c.ExecuteAsync("DELETE FROM push_messages");
        return new PushReset(messages, deliveries, attempts);
    });

    public Task<int> PruneDedupeAsync(DateTimeOffset now) => db.WriteAsync(c =>
        c.ExecuteAsync("DELETE FROM push_dedupe WHERE expires_at <= $1", now.ToUnixTimeMilliseconds()));

    private static Task<long> AddDeliveryAsync(NpgsqlConnection c, long messageId, string appId, DeliveryRoute route, long now, long? replayOf) =>
        c.Int64Async(InsertDelivery, messageId, appId, route.IsRouted ? DeliveryStatus.Pending : DeliveryStatus.Unrouted,
            route.Target, route.TargetUrl, route.Env, FormatName(route.Format), route.IsRouted ? now : null, now, route.Reason, replayOf);

    private static DeliveryRecord MapRecord(NpgsqlDataReader r)
    {
        var status = r.GetString(5);
        return new DeliveryRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), status,
            r.GetString(6), r.GetString(7), r.GetInt32(8),
            status == DeliveryStatus.Pending && !r.IsDBNull(9) ? DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9)) : null,
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(10)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(11)),
            r.GetNullableInt32(12), r.GetNullableString(13), r.GetNullableInt64(14));
    }

    private static string FormatName(MessageFormat format) => format == MessageFormat.Xml ? "xml" : "json";

    private static MessageFormat ParseFormat(string name) => name == "xml" ? MessageFormat.Xml : MessageFormat.Json;
}
