using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TcbPush.Protocol;

namespace TcbPush.Server.Wire;

/// <summary>The per-request rid and the log it is written to, shared by the envelope and the handlers.</summary>
internal static class RequestContext
{
    private const string RidKey = "tcbpush.rid";
    private const string ErrCodeKey = "tcbpush.errcode";

    /// <summary>The request's rid, created on first use so every error of one request shares it.</summary>
    public static string Rid(HttpContext context)
    {
        if (context.Items.TryGetValue(RidKey, out var existing) && existing is string rid)
        {
            return rid;
        }
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        rid = RequestId.New(time.GetUtcNow());
        context.Items[RidKey] = rid;
        return rid;
    }

    /// <summary>The errcode of the WeChat envelope this request was answered with, if it was.</summary>
    public static int? ErrCodeOrNull(HttpContext context) =>
        context.Items.TryGetValue(ErrCodeKey, out var code) && code is int value ? value : null;

    public static void SetErrCode(HttpContext context, int code) => context.Items[ErrCodeKey] = code;

    public static ILogger Log(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("TcbPush.Requests");

    public static void LogWeChatError(this ILogger logger, WeChatError error, string rid)
    {
        // The path only: query strings carry tokens and secrets.
        if (error.Code is ErrCode.SystemError or ErrCode.SystemBusy)
        {
            logger.LogWarning("errcode {ErrCode} {ErrMsg} rid: {Rid}", error.Code, error.Message, rid);
        }
        else
        {
            logger.LogInformation("errcode {ErrCode} {ErrMsg} rid: {Rid}", error.Code, error.Message, rid);
        }
    }
}
