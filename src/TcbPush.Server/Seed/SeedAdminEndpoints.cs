using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TcbPush.Protocol.Admin;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Seed;

/// <summary><c>GET /admin/export</c>, mapped into the <c>/admin</c> group: the state as a seed file, in the WeChat envelope.</summary>
internal static class SeedAdminEndpoints
{
    public static RouteGroupBuilder MapSeedAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/export", ExportAsync);
        return admin;
    }

    private static async Task<IResult> ExportAsync(StateExporter exporter) =>
        WeChatResponse.Ok(await exporter.ExportAsync(), AdminJson.Default.StateExport);
}
