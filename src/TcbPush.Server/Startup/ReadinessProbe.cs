using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TcbPush.Server.Storage;

namespace TcbPush.Server.Startup;

/// <summary>
/// <c>GET /readyz</c> (SPEC §12): 200 once started and while storage takes a write, else 503 with the reason. Each call
/// commits a probe write; a failing storage is logged once a minute, not once per probe.
/// </summary>
internal sealed class ReadinessProbe(Readiness readiness, IStorageBackend storage, TimeProvider time, ILoggerFactory loggers)
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromMinutes(1);
    private readonly ILogger logger = loggers.CreateLogger("TcbPush.Readiness");
    private readonly Lock gate = new();
    private DateTimeOffset lastLogged = DateTimeOffset.MinValue;

    public async Task<IResult> CheckAsync()
    {
        if (!readiness.IsReady)
        {
            return Results.Text("starting", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        try
        {
            await storage.ProbeWriteAsync(time.GetUtcNow()).WaitAsync(TimeSpan.FromSeconds(5));
            return Results.Text("ready");
        }
#pragma warning disable CA1031 // Any failure of the probe write means "not ready"; the reason goes to the caller.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogOncePerInterval(e);
            return Results.Text($"storage not writable: {e.Message}", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private void LogOncePerInterval(Exception failure)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (now - lastLogged < LogInterval)
            {
                return;
            }
            lastLogged = now;
        }
        logger.LogWarning("Storage is not writable (readiness 503): {Reason}", failure.Message);
    }
}
