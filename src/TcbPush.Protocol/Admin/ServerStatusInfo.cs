using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>The answer of <c>GET /admin/status</c> (SPEC §12): what the server runs and how much work it holds.</summary>
/// <param name="Version">The server's version, e.g. <c>0.1.0</c>.</param>
/// <param name="Storage"><c>sqlite</c> or <c>postgres</c>.</param>
/// <param name="UptimeSeconds">How long the server has been ready, in whole seconds.</param>
/// <param name="Apps">How many apps are registered.</param>
/// <param name="Deliveries">How many deliveries are in each status (<c>pending</c>, <c>delivering</c>, <c>delivered</c>, <c>dead</c>, <c>unrouted</c>).</param>
/// <param name="Backlog">Deliveries still to be made: pending and delivering.</param>
/// <param name="Dead">Deliveries that gave up (replay them with <c>POST /admin/deliveries/replay</c>).</param>
public sealed record ServerStatusInfo(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("storage")] string Storage,
    [property: JsonPropertyName("uptime_seconds")] long UptimeSeconds,
    [property: JsonPropertyName("apps")] long Apps,
    [property: JsonPropertyName("deliveries")] IReadOnlyDictionary<string, long> Deliveries,
    [property: JsonPropertyName("backlog")] long Backlog,
    [property: JsonPropertyName("dead")] long Dead)
{
    /// <summary>Prints the members, the deliveries as <c>{ pending = 1, dead = 0, … }</c>.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture,
            $"Version = {Version}, Storage = {Storage}, UptimeSeconds = {UptimeSeconds}, Apps = {Apps}, Deliveries = {{ {string.Join(", ", Deliveries.Select(d => $"{d.Key} = {d.Value}"))} }}, Backlog = {Backlog}, Dead = {Dead}");
        return true;
    }
}
