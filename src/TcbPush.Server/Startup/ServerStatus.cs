using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using TcbPush.Server.Apps;
using TcbPush.Server.Push;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Startup;

/// <summary>
/// <c>GET /admin/status</c> (SPEC §12): version, storage, uptime, how many apps, deliveries by status, and the backlog
/// (pending and delivering) and dead deliveries.
/// </summary>
internal static class ServerStatus
{
    public static string Version { get; } =
        typeof(ServerStatus).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    public static async Task<IResult> GetAsync(IOptions<TcbPushOptions> options, Readiness readiness, TimeProvider time, IAppStore apps, IPushStore push)
    {
        var appCount = (await apps.ListAsync()).Count;
        var deliveries = await push.CountByStatusAsync();
        var uptime = readiness.IsReady ? time.GetUtcNow() - readiness.ReadySince : TimeSpan.Zero;
        return WeChatResponse.Ok(json =>
        {
            json.WriteString("version", Version);
            json.WriteString("storage", options.Value.Storage);
            json.WriteNumber("uptime_seconds", (long)uptime.TotalSeconds);
            json.WriteNumber("apps", appCount);
            json.WriteStartObject("deliveries");
            foreach (var status in DeliveryStatus.All)
            {
                json.WriteNumber(status, deliveries.GetValueOrDefault(status));
            }
            json.WriteEndObject();
            json.WriteNumber("backlog", deliveries.GetValueOrDefault(DeliveryStatus.Pending) + deliveries.GetValueOrDefault(DeliveryStatus.Delivering));
            json.WriteNumber("dead", deliveries.GetValueOrDefault(DeliveryStatus.Dead));
        });
    }
}
