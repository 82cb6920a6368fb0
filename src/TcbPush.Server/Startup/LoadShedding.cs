using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TcbPush.Protocol;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Startup;

/// <summary>
/// Past <see cref="TcbPushOptions.MaxConcurrentRequests"/> plus a short queue, requests are answered -1 at once: a long
/// queue only makes every caller wait until it times out, and goodput collapses. Bodies are received before a permit
/// is taken (<see cref="BodyPrefetchMiddleware"/>), so a permit is held only while a request is really being served.
/// </summary>
internal static class LoadShedding
{
    public static IServiceCollection AddLoadShedding(this IServiceCollection services, TcbPushOptions options) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments("/healthz")
                    ? RateLimitPartition.GetNoLimiter("health")
                    : RateLimitPartition.GetConcurrencyLimiter("all", _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = options.MaxConcurrentRequests,
                        QueueLimit = options.MaxQueuedRequests,
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    }));
            limiter.OnRejected = (rejected, _) => new ValueTask(
                WeChatResponse.WriteAsync(rejected.HttpContext, new WeChatError(ErrCode.SystemBusy, "server saturated, retry later"), null));
        });
}
