using System.Text.Json.Nodes;

namespace TcbPush.Server.Storage;

/// <summary>
/// Where the SQL of the two backends differs. Every other statement is one text for both, with parameters
/// <c>$1</c>, <c>$2</c>, … (positional in PostgreSQL; in SQLite, names that Microsoft.Data.Sqlite binds by name).
/// </summary>
internal sealed class SqlDialect
{
    public static SqlDialect Sqlite { get; } = new()
    {
        ForUpdate = "",
        ForClaim = "",
        ChainsWrites = false,
        IndexedBy = index => $" INDEXED BY {index}",
        IdIn = (column, parameter) => $"{column} IN (SELECT value FROM json_each({parameter}))",
        IdList = ids => new JsonArray([.. ids.Select(i => JsonValue.Create(i))]).ToJsonString(),
        WorkersChannel = null,
        ConversationChannel = null,
        LockSubject = null,
        NotifyState = null,
    };

    public static SqlDialect Postgres { get; } = new()
    {
        ForUpdate = " FOR UPDATE",
        ForClaim = " FOR UPDATE SKIP LOCKED",
        ChainsWrites = true,
        IndexedBy = _ => "",
        IdIn = (column, parameter) => $"{column} = ANY({parameter})",
        IdList = ids => ids.ToArray(),
        WorkersChannel = DeliveriesChannel,
        ConversationChannel = ConversationsChannel,
        LockSubject = "SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))",
        NotifyState = $"SELECT pg_notify('{StateChannel}', $1)",
    };

    /// <summary>The PostgreSQL channel on which every write that stores or frees a due delivery notifies the nodes' workers.</summary>
    public const string DeliveriesChannel = "tcbpush_deliveries";

    /// <summary>The PostgreSQL channel of "appid openid" notifications of new conversation entries.</summary>
    public const string ConversationsChannel = "tcbpush_conversations";

    /// <summary>
    /// The PostgreSQL channel of "topic key" notifications ("app wx…", "env …", "config wx…"): shared state that nodes
    /// cache changed, so they forget it (see <c>CacheCoherence</c>).
    /// </summary>
    public const string StateChannel = "tcbpush_state";

    private SqlDialect()
    {
    }

    /// <summary>
    /// Ends a SELECT of a row that the same transaction then changes: PostgreSQL locks it, so that writes from several
    /// nodes take turns; SQLite's one writer already runs writes one at a time.
    /// </summary>
    public required string ForUpdate { get; init; }

    /// <summary>
    /// Ends the SELECT of a target's due deliveries: PostgreSQL locks them until the claim commits and skips those
    /// another node is claiming right now, so that two nodes never claim one delivery together.
    /// </summary>
    public required string ForClaim { get; init; }

    /// <summary>
    /// Whether data-modifying statements may go in a WITH clause (PostgreSQL), so that writes that use each other's
    /// RETURNING run as one statement: one round trip to the server instead of one each, and row locks taken later in
    /// the transaction are held for less time. SQLite does not allow it (and its statements are calls in process).
    /// </summary>
    public required bool ChainsWrites { get; init; }

    /// <summary>
    /// An index hint after a table name. SQLite has no statistics, and without the hint its planner would pick
    /// push_deliveries_status and scan the whole backlog; PostgreSQL plans well without.
    /// </summary>
    public required Func<string, string> IndexedBy { get; init; }

    /// <summary>The condition "(column) is one of the ids in (parameter)", one constant statement whatever the list's length.</summary>
    public required Func<string, string, string> IdIn { get; init; }

    /// <summary>The value of an id-list parameter for <see cref="IdIn"/>: a JSON array for SQLite's json_each, an array for PostgreSQL.</summary>
    public required Func<IEnumerable<long>, object> IdList { get; init; }

    /// <summary>
    /// The channel a write that stores or frees a due delivery notifies (with an empty payload) after its COMMIT, through
    /// <see cref="ISqlSession.NotifyAfterCommit"/>: wakes the workers of every node. Null for SQLite, whose one node wakes
    /// its worker in process.
    /// </summary>
    public required string? WorkersChannel { get; init; }

    /// <summary>
    /// The channel a write that adds a conversation entry notifies with "appid openid" after its COMMIT: wakes the
    /// conversation's watchers on every node. Null for SQLite, whose one node wakes them in process.
    /// </summary>
    public required string? ConversationChannel { get; init; }

    /// <summary>
    /// Takes turns over (kind $1, subject $2) until COMMIT: PostgreSQL's transaction-scoped advisory lock, so that token
    /// issues for one subject on several nodes are serialised as SQLite's one writer serialises them. Null for SQLite.
    /// </summary>
    public required string? LockSubject { get; init; }

    /// <summary>
    /// Run in a write that changes cached shared state, with "topic key" as $1: makes every node forget it at COMMIT.
    /// Null for SQLite, whose one node invalidates its caches in process.
    /// </summary>
    public required string? NotifyState { get; init; }
}
