using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TcbPush.Protocol;

namespace TcbPush.Server.Wire;

/// <summary>
/// Turns anything unexpected into WeChat's -1000 with a rid (logged; with the stack trace as <see cref="FailureLogThrottle"/>
/// allows), never a 500 page.
/// </summary>
internal sealed class ErrorEnvelopeMiddleware(RequestDelegate next, FailureLogThrottle throttle, ILogger<ErrorEnvelopeMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await WeChatResponse.WriteAsync(context, new WeChatError(ErrCode.InvalidArgs, e.Message), null);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
#pragma warning disable CA1031 // This is the last line of defence: every failure becomes a WeChat error.
        catch (Exception e) when (!context.Response.HasStarted)
#pragma warning restore CA1031
        {
            if (throttle.ShouldTrace(e))
            {
                logger.LogError(e, "Unexpected failure on {Method} {Path} rid: {Rid}", context.Request.Method, context.Request.Path, RequestContext.Rid(context));
            }
            else
            {
                logger.LogError("Unexpected failure on {Method} {Path} rid: {Rid}: {Kind}: {Message} (its stack trace is logged at most once a minute)",
                    context.Request.Method, context.Request.Path, RequestContext.Rid(context), e.GetType().Name, e.Message);
            }
            context.Response.Clear();
            await WeChatResponse.WriteAsync(context, new WeChatError(ErrCode.SystemError), null);
        }
    }
}
