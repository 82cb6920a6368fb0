using Npgsql;
using TcbPush.Server.Component;

namespace TcbPush.Server.Storage.Postgres;

internal sealed class PostgresComponentStore(PostgresDatabase db) : IComponentStore
{
    private const string Columns = "component_appid, secret_hash, ticket_digest, ticket_received_at";

    public Task<ComponentRecord?> FindAsync(string componentAppId) =>
        db.ReadAsync(c => FindAsync(c, componentAppId, lockRow: false));

    public async Task<IReadOnlyList<ComponentRecord>> ListAsync() =>
        await db.ReadAsync(c => c.QueryAsync($"SELECT {Columns} FROM components ORDER BY component_appid", Map));

    public Task<bool> UpsertAsync(ComponentRecord component) => db.WriteAsync(async c =>
    {
        var existing = await FindAsync(c, component.ComponentAppId, lockRow: true);
        await c.ExecuteAsync($"INSERT INTO components ({Columns}) VALUES ($1, $2, $3, $4) " +
                             "ON CONFLICT (component_appid) DO UPDATE SET secret_hash = $2, ticket_digest = $3, ticket_received_at = $4",
            component.ComponentAppId, component.SecretHash, component.TicketDigest, component.TicketReceivedAt.ToUnixTimeMilliseconds());
        return existing is null || !existing.SecretHash.AsSpan().SequenceEqual(component.SecretHash) ||
               !existing.TicketDigest.AsSpan().SequenceEqual(component.TicketDigest);
    });

    public Task<bool> ReceiveTicketAsync(string componentAppId, byte[] ticketDigest, DateTimeOffset receivedAt) =>
        db.WriteAsync(async c => await c.ExecuteAsync(
            "UPDATE components SET ticket_digest = $2, ticket_received_at = $3 WHERE component_appid = $1",
            componentAppId, ticketDigest, receivedAt.ToUnixTimeMilliseconds()) > 0);

    private static async Task<ComponentRecord?> FindAsync(NpgsqlConnection c, string componentAppId, bool lockRow) =>
        (await c.QueryAsync(lockRow
                ? $"SELECT {Columns} FROM components WHERE component_appid = $1 FOR UPDATE"
                : $"SELECT {Columns} FROM components WHERE component_appid = $1",
            Map, componentAppId)).SingleOrDefault();

    private static ComponentRecord Map(NpgsqlDataReader r) => new(r.GetString(0), (byte[])r.GetValue(1), (byte[])r.GetValue(2),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)));
}
