using System.Data.Common;
using TcbPush.Protocol.Messages;
using TcbPush.Server.Push;

namespace TcbPush.Server.Storage;

/// <summary>
/// The push inbox and delivery log, one SQL text for both backends (<see cref="SqlDialect"/> holds the differences).
/// Ingress stores dedupe identity, message and delivery in one write (the identity's primary key makes a second node's
/// copy a duplicate). Claims lease deliveries: a delivery whose node died is claimed again when its lease runs out; on
/// PostgreSQL they lock their rows with <c>FOR UPDATE SKIP LOCKED</c>, so that workers on several nodes never claim one
/// delivery together. On SQLite the writer's statements are prepared once.
/// </summary>
internal sealed class SqlPushStore : IPushStore
{
    /// <summary>Deliveries the worker has yet to finish: pending, or claimed under a lease (their due_at is set).</summary>
    private const string Active = "status IN ('pending', 'delivering')";

    private const string InsertDedupe =
        "INSERT INTO push_dedupe (appid, dedupe_key, expires_at) VALUES ($1, $2, $3) " +
        "ON CONFLICT (appid, dedupe_key) DO UPDATE SET expires_at = excluded.expires_at WHERE push_dedupe.expires_at <= $4";

    private const string InsertMessage =
        "INSERT INTO push_messages (appid, msg_id, msg_type, event, from_user, received_at, format, raw, payload, trace_parent) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";

    private const string InsertDelivery =
        "INSERT INTO push_deliveries (message_id, appid, status, target, target_url, env, format, attempts, due_at, created_at, " +
        "updated_at, last_error, replay_of) VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9, $9, $10, $11) RETURNING id";

    /// <summary>
    /// <see cref="InsertDedupe"/>, <see cref="InsertMessage"/> and <see cref="InsertDelivery"/> as one statement, for
    /// <see cref="SqlDialect.ChainsWrites"/>: the delivery's id, or no row when the dedupe identity is taken (a duplicate,
    /// nothing written). Parameters in a SELECT list take no type from the column, hence the casts.
    /// </summary>
    private const string AcceptChained =
        "WITH fresh AS (INSERT INTO push_dedupe (appid, dedupe_key, expires_at) VALUES ($1, $2, $3) " +
        "ON CONFLICT (appid, dedupe_key) DO UPDATE SET expires_at = excluded.expires_at WHERE push_dedupe.expires_at <= $4 RETURNING 1), " +
        "message AS (INSERT INTO push_messages (appid, msg_id, msg_type, event, from_user, received_at, format, raw, payload, trace_parent) " +
        "SELECT $1::text, $2::text, $5::text, $6::text, $7::text, $4::bigint, $8::text, $9::bytea, $10::bytea, $11::text FROM fresh RETURNING id) " +
        "INSERT INTO push_deliveries (message_id, appid, status, target, target_url, env, format, attempts, due_at, created_at, " +
        "updated_at, last_error, replay_of) SELECT id, $1::text, $12::text, $13::text, $14::text, $15::text, $16::text, 0, $17::bigint, " +
        "$4::bigint, $4::bigint, $18::text, NULL FROM message RETURNING id";

    private const string InsertAttempt =
        "INSERT INTO push_attempts (delivery_id, attempt, at, target_url, status_code, latency_ms, response_excerpt, error) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (delivery_id, attempt) DO NOTHING";

    private const string Reschedule =
        "UPDATE push_deliveries SET status = $2, attempts = $3, due_at = $4, updated_at = $5, last_status = $6, last_error = $7 " +
        "WHERE id = $1 AND status = 'delivering'";

    private const string Postpone =
        "UPDATE push_deliveries SET due_at = $2, last_error = $3, updated_at = $4 " +
        "WHERE target_url = $1 AND " + Active + " AND status = 'pending' AND due_at < $2";

    private const string RecordColumns =
        "d.id, d.appid, m.msg_id, m.msg_type, m.event, d.status, d.target, d.target_url, d.attempts, d.due_at, " +
        "d.created_at, d.updated_at, d.last_status, d.last_error, d.replay_of " +
        "FROM push_deliveries d JOIN push_messages m ON m.id = d.message_id";

    private readonly ISqlDatabase db;
    private readonly SqlConversationStore? conversations;
    private readonly SqlDialect dialect;

    /// <summary>The distinct targets with unfinished deliveries: one index seek per target (a loose index scan).</summary>
    private readonly string targetsWithWork;

    /// <summary>A target's oldest due deliveries (on PostgreSQL: that no other node is claiming right now, locked until this claim commits).</summary>
    private readonly string dueForTarget;

    private readonly string claim;
    private readonly string claimed;
    private readonly string nextDue;
    private readonly string release;
    private readonly string find;

    /// <summary>Each accepted message also gets its conversation entry (and reply window) in the same write, through <paramref name="conversations"/>.</summary>
    public SqlPushStore(ISqlDatabase db, SqlConversationStore? conversations = null)
    {
        this.db = db;
        this.conversations = conversations;
        dialect = db.Dialect;
        var byTarget = "push_deliveries" + dialect.IndexedBy("push_deliveries_target");
        targetsWithWork =
            "WITH RECURSIVE targets (url) AS (" +
            $"SELECT (SELECT MIN(target_url) FROM {byTarget} WHERE {Active}) " +
            $"UNION ALL SELECT (SELECT MIN(target_url) FROM {byTarget} WHERE {Active} AND target_url > targets.url) " +
            "FROM targets WHERE targets.url IS NOT NULL) SELECT url FROM targets WHERE url IS NOT NULL";
        dueForTarget = $"SELECT id FROM {byTarget} WHERE {Active} AND target_url = $2 AND due_at <= $1 " +
                       $"ORDER BY due_at LIMIT $3{dialect.ForClaim}";
        claim = $"UPDATE push_deliveries SET status = 'delivering', due_at = $2, updated_at = $3 WHERE {dialect.IdIn("id", "$1")}";
        claimed = "SELECT d.id, d.appid, d.env, d.target_url, d.format, d.attempts, m.from_user, m.payload, m.trace_parent " +
                  $"FROM push_deliveries d JOIN push_messages m ON m.id = d.message_id WHERE {dialect.IdIn("d.id", "$1")} ORDER BY d.id";
        nextDue = $"SELECT MIN(due_at) FROM push_deliveries{dialect.IndexedBy("push_deliveries_due")} WHERE {Active} AND due_at > $1";
        release = $"UPDATE push_deliveries SET status = 'pending', due_at = $2 WHERE {dialect.IdIn("id", "$1")} AND status = 'delivering'";
        find = $"SELECT {RecordColumns} WHERE {dialect.IdIn("d.id", "$1")} ORDER BY d.id";
    }

    public async Task<AcceptedMessage> AcceptAsync(InboundMessage message, DeliveryRoute route, DateTimeOffset now, DateTimeOffset dedupeUntil)
    {
        var at = now.ToUnixTimeMilliseconds();
        var conversation = conversations?.Inbound(message, now);
        // Grouped by conversation: its row numbers the entries, so one user's messages would otherwise commit one at a time.
        var accepted = await db.WriteGroupedAsync(message.AppId + " " + message.FromUser, async s =>
        {
            long deliveryId;
            if (dialect.ChainsWrites)
            {
                var ids = await s.QueryAsync(AcceptChained, r => r.GetInt64(0), message.AppId, message.MsgId, dedupeUntil.ToUnixTimeMilliseconds(), at,
                    message.MsgType, message.Event, message.FromUser, FormatName(message.Format), message.Raw, message.Payload, message.TraceParent,
                    RouteStatus(route), route.Target, route.TargetUrl, route.Env, FormatName(route.Format), route.IsRouted ? at : null, route.Reason);
                if (ids.Count == 0)
                {
                    return AcceptedMessage.Duplicate;
                }
                deliveryId = ids[0];
            }
            else
            {
                if (await s.ExecuteAsync(InsertDedupe, message.AppId, message.MsgId, dedupeUntil.ToUnixTimeMilliseconds(), at) == 0)
                {
                    return AcceptedMessage.Duplicate;
                }
                var messageId = await s.Int64Async(InsertMessage, message.AppId, message.MsgId, message.MsgType, message.Event,
                    message.FromUser, at, FormatName(message.Format), message.Raw, message.Payload, message.TraceParent);
                deliveryId = await AddDeliveryAsync(s, messageId, message.AppId, route, at, replayOf: null);
            }
            if (conversation is { } inbound)
            {
                await conversations!.WriteInboundAsync(s, inbound, deliveryId);
            }
            if (route.IsRouted)
            {
                NotifyWorkers(s);
            }
            return new AcceptedMessage(deliveryId, RouteStatus(route));
        });
        if (accepted.DeliveryId is not null)
        {
            conversations?.Committed(message.AppId, message.FromUser);
        }
        return accepted;
    }

    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(DeliveryClaim claim)
    {
        var now = claim.Now.ToUnixTimeMilliseconds();
        // A claim lost in a crash only means the delivery is claimed again (at least once): its attempts need not wait for the disk.
        return await db.WriteWithoutWaitingForDiskAsync<IReadOnlyList<ClaimedDelivery>>(async s =>
        {
            var targets = await s.QueryAsync(targetsWithWork, r => r.GetString(0));
            var candidates = new List<IReadOnlyList<long>>();
            foreach (var target in targets)
            {
                var free = claim.FreeFor(target, targets.Count);
                if (free > 0)
                {
                    candidates.Add(await s.QueryAsync(dueForTarget, r => r.GetInt64(0), now, target, free));
                }
            }
            var taken = claim.TakeInTurn(candidates);
            if (taken.Count == 0)
            {
                return [];
            }
            // On PostgreSQL, rows locked but not taken here are unlocked at COMMIT, untouched.
            var ids = dialect.IdList(taken);
            await s.ExecuteAsync(this.claim, ids, claim.LeaseUntil.ToUnixTimeMilliseconds(), now);
            return await s.QueryAsync(claimed, r => new ClaimedDelivery(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3),
                ParseFormat(r.GetString(4)), r.GetInt32(5), r.GetString(6), r.GetBlob(7), r.GetNullableString(8)), ids);
        });
    }

    public async Task<DateTimeOffset?> NextDueAfterAsync(DateTimeOffset now) =>
        (await db.ReadAsync(s => s.QueryAsync(nextDue, r => r.GetNullableTime(0), now.ToUnixTimeMilliseconds()))).Single();

    public Task RecordAsync(IReadOnlyList<RecordedAttempt> attempts) =>
        db.WriteAsync(async s =>
        {
            foreach (var (deliveryId, attempt, next, at) in attempts)
            {
                await s.ExecuteAsync(InsertAttempt, deliveryId, attempt.Attempt, attempt.At.ToUnixTimeMilliseconds(), attempt.TargetUrl,
                    attempt.StatusCode, attempt.LatencyMs, attempt.ResponseExcerpt, attempt.Error);
                await s.ExecuteAsync(Reschedule, deliveryId, next.Status, next.Attempts, next.DueAt?.ToUnixTimeMilliseconds(),
                    at.ToUnixTimeMilliseconds(), next.LastStatus, next.LastError);
            }
            return attempts.Count;
        });

    public Task<int> PostponeAsync(string targetUrl, DateTimeOffset until, string note, DateTimeOffset now) =>
        db.WriteAsync(s => s.ExecuteAsync(Postpone, targetUrl, until.ToUnixTimeMilliseconds(), note, now.ToUnixTimeMilliseconds()));

    public Task ReleaseAsync(IReadOnlyCollection<long> deliveryIds, DateTimeOffset now) => db.WriteAsync(async s =>
    {
        var released = await s.ExecuteAsync(release, dialect.IdList(deliveryIds), now.ToUnixTimeMilliseconds());
        if (released > 0)
        {
            NotifyWorkers(s);
        }
        return released;
    });

    public async Task<IReadOnlyList<DeliveryRecord>> ListAsync(DeliveryQuery query)
    {
        var (sql, args) = ListCommand(query);
        return await db.ReadAsync(s => s.QueryAsync(sql, MapRecord, args));
    }

    /// <summary>
    /// The listing's SQL: keyset paging, newest first by id (<c>before_id</c> continues below the last id shown) and a
    /// LIMIT, so that a page is read from an index in id order however long the log is (the web console's tests check
    /// its query plan over 100,000 deliveries).
    /// </summary>
    internal static (string Sql, object?[] Args) ListCommand(DeliveryQuery query)
    {
        var (where, args) = DeliveryListFilter.Build(query);
        args.Add(query.Limit);
        return ($"SELECT {RecordColumns}{where} ORDER BY d.id DESC LIMIT ${args.Count}", [.. args]);
    }

    public async Task<IReadOnlyList<DeliveryRecord>> FindAsync(IReadOnlyCollection<long> deliveryIds) =>
        await db.ReadAsync(s => s.QueryAsync(find, MapRecord, dialect.IdList(deliveryIds)));

    public async Task<IReadOnlyList<DeliveryAttempt>> AttemptsAsync(long deliveryId) => await db.ReadAsync(s => s.QueryAsync(
        "SELECT attempt, at, target_url, status_code, latency_ms, response_excerpt, error FROM push_attempts " +
        "WHERE delivery_id = $1 ORDER BY attempt",
        r => new DeliveryAttempt(r.GetInt32(0), r.GetTime(1), r.GetString(2), r.GetNullableInt32(3), r.GetInt64(4), r.GetString(5),
            r.GetNullableString(6)),
        deliveryId));

    public async Task<IReadOnlyList<long>> ReplayAsync(IReadOnlyList<DeliveryReplay> replays, DateTimeOffset now)
    {
        var at = now.ToUnixTimeMilliseconds();
        return await db.WriteAsync<IReadOnlyList<long>>(async s =>
        {
            var ids = new List<long>(replays.Count);
            foreach (var replay in replays)
            {
                var original = (await s.QueryAsync("SELECT message_id, appid FROM push_deliveries WHERE id = $1",
                    r => (MessageId: r.GetInt64(0), AppId: r.GetString(1)), replay.OriginalId)).Single();
                ids.Add(await AddDeliveryAsync(s, original.MessageId, original.AppId, replay.Route, at, replay.OriginalId));
            }
            NotifyWorkers(s);
            return ids;
        });
    }

    public async Task<IReadOnlyDictionary<string, long>> CountByStatusAsync() =>
        (await db.ReadAsync(s => s.QueryAsync("SELECT status, count(*) FROM push_deliveries GROUP BY status",
            r => (Status: r.GetString(0), Count: r.GetInt64(1)))))
            .ToDictionary(row => row.Status, row => row.Count, StringComparer.Ordinal);

    public Task<PushReset> ResetAsync() => db.WriteAsync(async s =>
    {
        var attempts = await s.ExecuteAsync("DELETE FROM push_attempts");
        var deliveries = await s.ExecuteAsync("DELETE FROM push_deliveries");
        await s.ExecuteAsync("DELETE FROM push_dedupe");
        var messages = await s.ExecuteAsync("DELETE FROM push_messages");
        var conversationCount = conversations is null ? 0 : await SqlConversationStore.DeleteAllAsync(s);
        return new PushReset(messages, deliveries, attempts, conversationCount);
    });

    public Task<RetentionSweep> PruneFinishedAsync(DateTimeOffset before, int batchSize) => db.WriteAsync(async s =>
    {
        // Both deletes see the same batch: nothing in push_deliveries changes between them, and a delivery that changes
        // meanwhile on another node gets a new updated_at, after the cut-off.
        const string Finished =
            "SELECT d.id FROM push_deliveries d WHERE d.status IN ('delivered', 'dead', 'unrouted') AND d.updated_at < $1 " +
            "AND NOT EXISTS (SELECT 1 FROM push_deliveries r WHERE r.replay_of = d.id) ORDER BY d.id LIMIT $2";
        var cutoff = before.ToUnixTimeMilliseconds();
        var attempts = await s.ExecuteAsync($"DELETE FROM push_attempts WHERE delivery_id IN ({Finished})", cutoff, batchSize);
        var deliveries = await s.ExecuteAsync($"DELETE FROM push_deliveries WHERE id IN ({Finished})", cutoff, batchSize);
        var messages = await s.ExecuteAsync(
            "DELETE FROM push_messages WHERE id IN (SELECT m.id FROM push_messages m WHERE m.received_at < $1 " +
            "AND NOT EXISTS (SELECT 1 FROM push_deliveries d WHERE d.message_id = m.id) ORDER BY m.id LIMIT $2)", cutoff, batchSize);
        var entries = conversations is null ? 0 : await SqlConversationStore.DeleteEntriesBeforeAsync(s, cutoff, batchSize);
        return new RetentionSweep(deliveries, attempts, messages, entries);
    });

    public Task<int> PruneDedupeAsync(DateTimeOffset now) => db.WriteAsync(s =>
        s.ExecuteAsync("DELETE FROM push_dedupe WHERE expires_at <= $1", now.ToUnixTimeMilliseconds()));

    private static ValueTask<long> AddDeliveryAsync(ISqlSession s, long messageId, string appId, DeliveryRoute route, long now, long? replayOf) =>
        s.Int64Async(InsertDelivery, messageId, appId, RouteStatus(route),
            route.Target, route.TargetUrl, route.Env, FormatName(route.Format), route.IsRouted ? now : null, now, route.Reason, replayOf);

    private static string RouteStatus(DeliveryRoute route) => route.IsRouted ? DeliveryStatus.Pending : DeliveryStatus.Unrouted;

    private void NotifyWorkers(ISqlSession s)
    {
        if (dialect.WorkersChannel is { } channel)
        {
            s.NotifyAfterCommit(channel, "");
        }
    }

    private static DeliveryRecord MapRecord(DbDataReader r)
    {
        var status = r.GetString(5);
        return new DeliveryRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), status,
            r.GetString(6), r.GetString(7), r.GetInt32(8), status == DeliveryStatus.Pending ? r.GetNullableTime(9) : null,
            r.GetTime(10), r.GetTime(11), r.GetNullableInt32(12), r.GetNullableString(13), r.GetNullableInt64(14));
    }

    private static string FormatName(MessageFormat format) => format == MessageFormat.Xml ? "xml" : "json";

    private static MessageFormat ParseFormat(string name) => name == "xml" ? MessageFormat.Xml : MessageFormat.Json;
}
