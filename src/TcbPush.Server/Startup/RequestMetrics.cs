using System.Diagnostics.Metrics;

namespace TcbPush.Server.Startup;

/// <summary>Requests answered (SPEC §12), by route pattern, HTTP status and WeChat errcode (<c>-</c> when not an envelope).</summary>
internal sealed class RequestMetrics
{
    public const string MeterName = "TcbPush.Requests";
    private readonly Counter<long> requests;

    public RequestMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        requests = meter.CreateCounter<long>("tcbpush.requests", "{request}", "Requests answered, by route, status and errcode");
    }

    public void Answered(string route, int status, string errcode) => requests.Add(1,
        new KeyValuePair<string, object?>("route", route),
        new KeyValuePair<string, object?>("status", status),
        new KeyValuePair<string, object?>("errcode", errcode));
}
