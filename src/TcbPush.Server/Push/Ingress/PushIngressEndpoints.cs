using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TcbPush.Protocol.Crypto;
using TcbPush.Server.Apps;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Push.Ingress;

/// <summary>
/// <c>/push/{appid}</c>, where WeChat (or anything speaking its protocol) pushes messages. Answers are plain text as
/// WeChat expects: <c>success</c> once the message is durably stored; 401 for a failed signature, 400 for a malformed
/// message, 404 for an appid TcbPush does not know, 413 past the body limit; nothing is stored for any of these.
/// For an official account, the answer is the passive reply instead of <c>success</c> when the message's first
/// delivery attempt brings one back within the synchronous window (SPEC §10.2); the message is stored before the wait.
/// </summary>
internal static class PushIngressEndpoints
{
    public static IEndpointRouteBuilder MapPush(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/push/{appid}", VerifyAsync);
        routes.MapPost("/push/{appid}", ReceiveAsync);
        return routes;
    }

    /// <summary>WeChat's URL verification: echo <c>echostr</c> when the signature is the app's.</summary>
    private static async Task<IResult> VerifyAsync(string appid, HttpContext context, IAppStore apps)
    {
        if (await apps.FindAsync(appid) is not { } app)
        {
            return Refuse(context, appid, IngressRejection.UnknownApp);
        }
        var query = context.Request.Query;
        if (app.MessageToken is { } token &&
            !MessageSignature.Verify(query["signature"], token, query["timestamp"].ToString(), query["nonce"].ToString()))
        {
            return Refuse(context, appid, IngressRejection.Unauthorized("signature does not match"));
        }
        var echo = query["echostr"].ToString();
        return echo.Length == 0
            ? Refuse(context, appid, IngressRejection.Malformed("echostr is missing"))
            : Results.Text(echo, "text/plain; charset=utf-8");
    }

    private static async Task<IResult> ReceiveAsync(string appid, HttpContext context, IAppStore apps, RequestBody requestBody, PushInbox inbox,
        TimeProvider time)
    {
        if (await apps.FindAsync(appid) is not { } app)
        {
            return Refuse(context, appid, IngressRejection.UnknownApp);
        }
        var body = await requestBody.ReadAsync(context);
        if (body.Error is { } tooLarge)
        {
            return Refuse(context, appid, IngressRejection.TooLarge(tooLarge.Detail ?? "message too large"));
        }
        var decoded = PushDecoder.Decode(app, context.Request.Query, body.Value);
        if (decoded.Rejection is { } rejection)
        {
            return Refuse(context, appid, rejection);
        }
        var message = decoded.Message!;
        // An official account's push may be answered with the passive reply: listen for it before storing the message.
        using var wait = app.IsOfficialAccount ? context.RequestServices.GetService<IPassiveReplyWaiter>()?.Expect(app.AppId, message) : null;
        var accepted = await inbox.AcceptAsync(app.AppId, message, decoded.Format, body.Value.ToArray(), traceParent: context.Request.Headers.TraceParent);
        if (wait is not null && accepted is { Status: DeliveryStatus.Pending, DeliveryId: { } deliveryId } &&
            await wait.ReplyAsync(deliveryId, context.RequestAborted) is { } reply)
        {
            return PassiveReplyResponse.Create(app, context.Request.Query, decoded.Format, reply, time);
        }
        return Results.Text("success", "text/plain; charset=utf-8");
    }

    private static IResult Refuse(HttpContext context, string appid, IngressRejection rejection)
    {
        RequestContext.Log(context).LogInformation("Push to {AppId} refused with HTTP {Status}: {Reason}", appid, rejection.StatusCode, rejection.Reason);
        return Results.Text(rejection.Reason, "text/plain; charset=utf-8", statusCode: rejection.StatusCode);
    }
}
