using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TcbPush.Server.Console;

namespace TcbPush.Server.Startup;

/// <summary>The console's view of <c>/readyz</c> and <c>/admin/status</c>: the same probe write, the same facts.</summary>
internal sealed class ServerHealthSource(ReadinessProbe probe, Readiness readiness, IOptions<TcbPushOptions> options, TimeProvider time) : IServerHealth
{
    public async Task<ServerHealth> CheckAsync()
    {
        var answer = await probe.CheckAsync();
        var (ready, detail) = answer is ContentHttpResult content
            ? ((content.StatusCode ?? StatusCodes.Status200OK) == StatusCodes.Status200OK, content.ResponseContent ?? "")
            : (false, "unknown");
        var uptime = readiness.IsReady ? time.GetUtcNow() - readiness.ReadySince : TimeSpan.Zero;
        var storage = options.Value.InMemory ? options.Value.Storage + " (in memory)" : options.Value.Storage;
        return new ServerHealth(ready, detail, storage, ServerStatus.Version, uptime);
    }
}
