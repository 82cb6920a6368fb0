using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TcbPush.Protocol.Messages;
using TcbPush.Server.Push;
using TcbPush.Server.Push.Delivery;
using TcbPush.Tests.Push;
using static TcbPush.Tests.Push.PushHarness;

namespace TcbPush.Tests.Hardening;

/// <summary>A message that can never be rendered for its target becomes a recorded attempt and goes dead at once.</summary>
public sealed class PoisonMessageTests
{
    [Fact]
    public void A_permanent_failure_is_dead_at_the_first_attempt()
    {
        var now = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var log = new DeliveryAttempt(1, now, "http://target/x", null, 0, "", "the message cannot be rendered for this target");

        var next = DeliveryTransition.AfterAttempt(new AttemptResult(log, false, [], Permanent: true),
            new RetrySchedule([TimeSpan.FromSeconds(10)], jitter: 0), now);

        Assert.Equal(DeliveryStatus.Dead, next.Status);
    }

    [Fact]
    public async Task Stored_message_with_an_empty_field_name_for_an_xml_container_is_dead_with_the_reason()
    {
        await using var push = await PushHarness.StartAsync();
        await push.SetContainerAsync(OpenApp, "env-ok", "/poison", textMode: 2);
        // Ingress refuses such a body now; one stored before that (or by another node's older version) must still end.
        var payload = Encoding.UTF8.GetBytes("""{"ToUserName":"gh_1","FromUserName":"o1","CreateTime":1,"MsgType":"text","MsgId":99,"":"x"}""");
        var store = push.Server.Services.GetRequiredService<IPushStore>();
        var route = new DeliveryRoute(DeliveryRoute.Container, push.Sink.Url + "/ok/poison", "env-ok", MessageFormat.Xml, null);
        var accepted = await store.AcceptAsync(new InboundMessage(OpenApp, "99", "text", "", "o1", MessageFormat.Json, payload, payload),
            route, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        push.Server.Services.GetRequiredService<DeliverySignal>().Notify();

        var dead = await push.WaitForStatusAsync(accepted.DeliveryId!.Value, "dead", 1);

        Assert.Contains("cannot be rendered", dead.ToJsonString(), StringComparison.Ordinal);
    }
}
