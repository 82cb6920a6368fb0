using System.Text;
using System.Text.RegularExpressions;
using static TcbPush.Tests.Push.PushHarness;

namespace TcbPush.Tests.Push;

/// <summary>
/// SPEC §12 "Traces": every delivery carries a W3C <c>traceparent</c>; it continues the trace of the push that brought
/// the message when that push carried one, and starts a trace of its own when not.
/// </summary>
public sealed partial class TraceContextTests
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string IncomingSpan = "00f067aa0ba902b7";

    [Fact]
    public async Task Delivery_continues_the_trace_of_the_push_that_brought_the_message()
    {
        await using var push = await PushHarness.StartAsync();
        await push.SetContainerAsync(OpenApp, "env-ok", "/traced");

        Assert.Equal(200, await PushWithTraceAsync(push, TextXml("7101"), $"00-{TraceId}-{IncomingSpan}-01"));

        var traceParent = TraceParentOf(Assert.Single(await push.Sink.WaitForAsync("/ok/traced")));
        var match = TraceParentForm().Match(traceParent);
        Assert.True(match.Success, traceParent);
        Assert.Equal(TraceId, match.Groups["trace"].Value);
        Assert.NotEqual(IncomingSpan, match.Groups["span"].Value);
    }

    [Fact]
    public async Task Delivery_of_a_push_without_traceparent_starts_a_trace_of_its_own()
    {
        await using var push = await PushHarness.StartAsync();
        await push.SetContainerAsync(OpenApp, "env-ok", "/untraced");

        await push.PushAsync(OpenApp, TextXml("7201"));
        await push.PushAsync(OpenApp, TextXml("7202"));

        var received = await push.Sink.WaitForAsync("/ok/untraced", 2);
        var traces = received.Select(r => TraceParentForm().Match(TraceParentOf(r))).ToList();
        Assert.All(traces, t => Assert.True(t.Success, t.Value));
        Assert.NotEqual(traces[0].Groups["trace"].Value, traces[1].Groups["trace"].Value);
        Assert.All(traces, t => Assert.NotEqual(new string('0', 32), t.Groups["trace"].Value));
    }

    [Fact]
    public async Task Malformed_traceparent_is_ignored_and_the_delivery_starts_a_trace_of_its_own()
    {
        await using var push = await PushHarness.StartAsync();
        await push.SetContainerAsync(OpenApp, "env-ok", "/garbled");

        Assert.Equal(200, await PushWithTraceAsync(push, TextXml("7301"), "not-a-trace-parent"));

        var traceParent = TraceParentOf(Assert.Single(await push.Sink.WaitForAsync("/ok/garbled")));
        Assert.Matches(TraceParentForm(), traceParent);
    }

    private static string TraceParentOf(Infrastructure.SinkRequest request)
    {
        Assert.True(request.Headers.TryGetValue("traceparent", out var value), "the delivery carries no traceparent");
        return value;
    }

    private static async Task<int> PushWithTraceAsync(PushHarness push, string xml, string traceParent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/push/{OpenApp}") { Content = new StringContent(xml, Encoding.UTF8, "text/xml") };
        request.Headers.TryAddWithoutValidation("traceparent", traceParent);
        using var response = await push.Server.Http.SendAsync(request);
        return (int)response.StatusCode;
    }

    [GeneratedRegex("^00-(?<trace>[0-9a-f]{32})-(?<span>[0-9a-f]{16})-[0-9a-f]{2}$")]
    private static partial Regex TraceParentForm();
}
