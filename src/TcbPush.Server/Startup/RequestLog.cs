using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Startup;

/// <summary>
/// One Information line per request (SPEC §12): method, path, status, errcode (when the answer was a WeChat envelope),
/// milliseconds and rid. The path only — never the query string, which carries tokens and secrets.
/// </summary>
internal sealed class RequestLog(RequestDelegate next, ILoggerFactory loggers)
{
    public const string Category = "TcbPush.RequestLog";
    private readonly ILogger logger = loggers.CreateLogger(Category);

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                logger.LogInformation("{Method} {Path} {Status} errcode {ErrCode} {Elapsed:0.0} ms rid {Rid}",
                    context.Request.Method, context.Request.PathBase.Add(context.Request.Path).ToString(), context.Response.StatusCode,
                    RequestContext.ErrCodeOrNull(context)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                    milliseconds, RequestContext.Rid(context));
            }
        }
    }
}
