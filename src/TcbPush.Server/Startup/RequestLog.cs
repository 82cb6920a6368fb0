using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Startup;

/// <summary>
/// Counts each request in <see cref="RequestMetrics"/> and writes one Information line per request (SPEC §12): method, path, status, errcode (when the answer was a WeChat envelope),
/// milliseconds to the first byte and rid; answers with errcode ≠ 0 also go to <see cref="RecentErrors"/> (the console's
/// overview). The path only — never the query string, which carries tokens and secrets.
/// </summary>
internal sealed class RequestLog(RequestDelegate next, ILoggerFactory loggers, RequestMetrics metrics, RecentErrors recentErrors, TimeProvider time)
{
    public const string Category = "TcbPush.RequestLog";
    private readonly ILogger logger = loggers.CreateLogger(Category);

    public Task InvokeAsync(HttpContext context)
    {
        // Written as the response starts: the status and errcode are known, and the line is in the log before the
        // client has its answer.
        var started = Stopwatch.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            var code = RequestContext.ErrCodeOrNull(context);
            var errcode = code?.ToString(CultureInfo.InvariantCulture) ?? "-";
            if (code is { } failed and not 0)
            {
                recentErrors.Add(new RecentError(time.GetUtcNow(), context.Request.Method, context.Request.PathBase.Add(context.Request.Path).ToString(),
                    context.Response.StatusCode, failed, RequestContext.Rid(context)));
            }
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            metrics.Answered(route, context.Response.StatusCode, errcode);
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("{Method} {Path} {Status} errcode {ErrCode} {Elapsed:0.0} ms rid {Rid}",
                    context.Request.Method, context.Request.PathBase.Add(context.Request.Path).ToString(), context.Response.StatusCode,
                    errcode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, RequestContext.Rid(context));
            }
            return Task.CompletedTask;
        });
        return next(context);
    }
}
