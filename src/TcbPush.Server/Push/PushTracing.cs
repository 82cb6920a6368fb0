using System.Diagnostics;

namespace TcbPush.Server.Push;

/// <summary>
/// Traces of the push router (SPEC §12 "Traces"), W3C trace context: ingress starts an activity per message, continuing
/// the trace of an incoming <c>traceparent</c> header, and the message keeps that context; each delivery attempt is a
/// child of it and sends its own <c>traceparent</c> to the target. When nothing listens to the
/// <see cref="SourceName"/> source the same identifiers are made without activities, so every delivery carries one.
/// </summary>
internal static class PushTracing
{
    public const string SourceName = "TcbPush";
    public const string Header = "traceparent";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the activity of a received message (null when nobody listens); <paramref name="incoming"/> is its <c>traceparent</c>, if any.</summary>
    public static Activity? StartReceive(string? incoming, string appId, string msgType)
    {
        var parent = Parse(incoming);
        var activity = parent is { } context
            ? Source.StartActivity("push receive", ActivityKind.Consumer, context)
            : Source.StartActivity("push receive", ActivityKind.Consumer, parentContext: default);
        activity?.SetTag("wechat.appid", appId);
        activity?.SetTag("wechat.msg_type", msgType);
        return activity;
    }

    /// <summary>The trace context to store with a message: the activity's, or one made for it (in the incoming trace, if any).</summary>
    public static string ContextOf(Activity? activity, string? incoming) =>
        activity?.IdFormat == ActivityIdFormat.W3C ? activity.Id! : Child(Parse(incoming));

    /// <summary>Starts the activity of one delivery attempt, a child of the message's stored context (null when nobody listens).</summary>
    public static Activity? StartAttempt(string? messageContext, long deliveryId, string targetUrl)
    {
        var activity = Parse(messageContext) is { } parent
            ? Source.StartActivity("push deliver", ActivityKind.Producer, parent)
            : Source.StartActivity("push deliver", ActivityKind.Producer, parentContext: default);
        activity?.SetTag("tcbpush.delivery_id", deliveryId);
        activity?.SetTag("url.full", targetUrl);
        return activity;
    }

    /// <summary>The <c>traceparent</c> an attempt sends: its activity's, or a new span of the message's trace (a new trace when it has none).</summary>
    public static string AttemptHeader(Activity? attempt, string? messageContext) =>
        attempt?.IdFormat == ActivityIdFormat.W3C ? attempt.Id! : Child(Parse(messageContext));

    private static ActivityContext? Parse(string? traceParent) =>
        traceParent is { Length: > 0 } && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : null;

    private static string Child(ActivityContext? parent)
    {
        var traceId = parent?.TraceId ?? ActivityTraceId.CreateRandom();
        var flags = parent?.TraceFlags ?? ActivityTraceFlags.Recorded;
        return $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-{(int)flags:x2}";
    }
}
