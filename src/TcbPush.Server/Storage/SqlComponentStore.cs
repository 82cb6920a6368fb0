using System.Data.Common;
using TcbPush.Server.Component;

namespace TcbPush.Server.Storage;

internal sealed class SqlComponentStore(ISqlDatabase db) : IComponentStore
{
    private const string Columns = "component_appid, secret_hash, ticket_digest, ticket_received_at";
    private const string Find = $"SELECT {Columns} FROM components WHERE component_appid = $1";
    private readonly string findForUpdate = Find + db.Dialect.ForUpdate;

    public async Task<ComponentRecord?> FindAsync(string componentAppId) =>
        (await db.ReadAsync(s => s.QueryAsync(Find, Map, componentAppId))).SingleOrDefault();

    public async Task<IReadOnlyList<ComponentRecord>> ListAsync() =>
        await db.ReadAsync(s => s.QueryAsync($"SELECT {Columns} FROM components ORDER BY component_appid", Map));

    public Task<bool> UpsertAsync(ComponentRecord component) => db.WriteAsync(async s =>
    {
        var existing = (await s.QueryAsync(findForUpdate, Map, component.ComponentAppId)).SingleOrDefault();
        await s.ExecuteAsync($"INSERT INTO components ({Columns}) VALUES ($1, $2, $3, $4) " +
                             "ON CONFLICT (component_appid) DO UPDATE SET secret_hash = $2, ticket_digest = $3, ticket_received_at = $4",
            component.ComponentAppId, component.SecretHash, component.TicketDigest, component.TicketReceivedAt.ToUnixTimeMilliseconds());
        return existing is null || !existing.SecretHash.AsSpan().SequenceEqual(component.SecretHash) ||
               !existing.TicketDigest.AsSpan().SequenceEqual(component.TicketDigest);
    });

    public Task<bool> ReceiveTicketAsync(string componentAppId, byte[] ticketDigest, DateTimeOffset receivedAt) =>
        db.WriteAsync(async s => await s.ExecuteAsync(
            "UPDATE components SET ticket_digest = $2, ticket_received_at = $3 WHERE component_appid = $1",
            componentAppId, ticketDigest, receivedAt.ToUnixTimeMilliseconds()) > 0);

    private static ComponentRecord Map(DbDataReader r) => new(r.GetString(0), r.GetBlob(1), r.GetBlob(2), r.GetTime(3));
}
