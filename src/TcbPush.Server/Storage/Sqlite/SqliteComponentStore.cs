using Microsoft.Data.Sqlite;
using TcbPush.Server.Component;

namespace TcbPush.Server.Storage.Sqlite;

internal sealed class SqliteComponentStore(SqliteDatabase db) : IComponentStore
{
    private const string Columns = "component_appid, secret_hash, ticket_digest, ticket_received_at";

    public Task<ComponentRecord?> FindAsync(string componentAppId) =>
        db.ReadAsync(c => Find(c, componentAppId));

    public async Task<IReadOnlyList<ComponentRecord>> ListAsync() =>
        await db.ReadAsync(c => c.Query($"SELECT {Columns} FROM components ORDER BY component_appid", Map));

    public Task<bool> UpsertAsync(ComponentRecord component) => db.WriteAsync(c =>
    {
        var existing = Find(c, component.ComponentAppId);
        c.Execute($"INSERT INTO components ({Columns}) VALUES ($0, $1, $2, $3) " +
                  "ON CONFLICT (component_appid) DO UPDATE SET secret_hash = $1, ticket_digest = $2, ticket_received_at = $3",
            component.ComponentAppId, component.SecretHash, component.TicketDigest, component.TicketReceivedAt.ToUnixTimeMilliseconds());
        return existing is null || !existing.SecretHash.AsSpan().SequenceEqual(component.SecretHash) ||
               !existing.TicketDigest.AsSpan().SequenceEqual(component.TicketDigest);
    });

    public Task<bool> ReceiveTicketAsync(string componentAppId, byte[] ticketDigest, DateTimeOffset receivedAt) =>
        db.WriteAsync(c => c.Execute("UPDATE components SET ticket_digest = $1, ticket_received_at = $2 WHERE component_appid = $0",
            componentAppId, ticketDigest, receivedAt.ToUnixTimeMilliseconds()) > 0);

    private static ComponentRecord? Find(SqliteConnection c, string componentAppId) =>
        c.Query($"SELECT {Columns} FROM components WHERE component_appid = $0", Map, componentAppId).SingleOrDefault();

    private static ComponentRecord Map(SqliteDataReader r) => new(r.GetString(0), (byte[])r.GetValue(1), (byte[])r.GetValue(2),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)));
}
