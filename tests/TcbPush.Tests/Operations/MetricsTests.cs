using System.Globalization;
using TcbPush.Tests.Conversations;
using TcbPush.Tests.Push;
using static TcbPush.Tests.Conversations.ReplyHarness;
using static TcbPush.Tests.Push.PushHarness;

namespace TcbPush.Tests.Operations;

/// <summary>SPEC §12 metrics: <c>GET /metrics</c> in Prometheus text format carries each listed instrument after traffic.</summary>
[Collection(MetricsTestGroup.Name)]
public sealed class MetricsTests
{
    private const string PassiveReply = """{"ToUserName":"oUser0001","FromUserName":"gh_0123456789ab","CreateTime":1714036505,"MsgType":"text","Content":"echo"}""";

    [Fact]
    public async Task Metrics_expose_requests_tokens_messages_deliveries_latency_backlog_and_dead()
    {
        await using var push = await PushHarness.StartAsync(fakeClock: true, adjust: o => o.Push.RetrySchedule = []);
        await push.SetContainerAsync(OpenApp, "env-ok", "/metrics-ok");
        await push.WaitForStatusAsync(await push.SimulateTextAsync(OpenApp), "delivered", 1);
        await push.SetContainerAsync(OpenApp, "env-fail", "/metrics-fail");
        await push.WaitForStatusAsync(await push.SimulateTextAsync(OpenApp), "dead", 1);

        var samples = Parse(await push.Server.Http.GetStringAsync("/metrics"));

        Assert.Contains(samples, s => s.Name == "tcbpush_requests_total" && s.Labels.Contains("route=\"/tcb/setcallbackconfig\"") && s.Labels.Contains("errcode=\"0\""));
        Assert.Contains(samples, s => s.Name == "tcbpush_tokens_issued_total" && s.Labels.Contains("kind=\"app\""));
        Assert.Contains(samples, s => s.Name == "tcbpush_messages_received_total" && s.Labels.Contains($"app=\"{OpenApp}\"") && s.Labels.Contains("type=\"text\""));
        Assert.Contains(samples, s => s.Name == "tcbpush_delivery_attempts_total" && s.Labels.Contains("outcome=\"delivered\""));
        Assert.Contains(samples, s => s.Name == "tcbpush_delivery_attempts_total" && s.Labels.Contains("outcome=\"dead\""));
        Assert.Contains(samples, s => s.Name == "tcbpush_delivery_attempt_duration_seconds_bucket" && s.Labels.Contains("le=\"0.005\""));
        Assert.Contains(samples, s => s.Name == "tcbpush_deliveries_backlog");
        Assert.Contains(samples, s => s.Name == "tcbpush_deliveries_dead" && s.Value >= 1);
    }

    [Fact]
    public async Task Metrics_count_replies_by_via_and_status()
    {
        await using var push = await PushHarness.StartAsync();
        await push.AddOfficialAccountAsync();
        push.Sink.AnswerWith("/ok/oa-metrics", PassiveReply);
        await push.SetContainerAsync(OfficialAccount, "env-ok", "/oa-metrics", textMode: 1);
        await push.UserSaysAsync(OfficialAccount);
        await push.Server.WaitForEntryAsync(OfficialAccount, e => (string?)e["via"] == "passive");
        Assert.Equal(0, await push.Server.SendAsync(OfficialAccount, Text("active")));

        var samples = Parse(await push.Server.Http.GetStringAsync("/metrics"));

        Assert.Contains(samples, s => s.Name == "tcbpush_replies_total" && s.Labels.Contains("via=\"passive\"") && s.Labels.Contains("status=\"sent\"") && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "tcbpush_replies_total" && s.Labels.Contains("via=\"active\"") && s.Labels.Contains("status=\"sent\"") && s.Value >= 1);
    }

    [Fact]
    public async Task Metrics_show_each_group_commit_of_the_sqlite_writer_its_duration_and_its_writes()
    {
        await using var push = await PushHarness.StartAsync();
        await push.SetContainerAsync(OpenApp, "env-ok", "/metrics-writer");

        var samples = Parse(await push.Server.Http.GetStringAsync("/metrics"));

        Assert.Contains(samples, s => s.Name == "tcbpush_storage_commit_writes_count" && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "tcbpush_storage_commit_writes_bucket" && s.Labels.Contains("le=\"1\"") && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "tcbpush_storage_commit_duration_seconds_sum" && s.Value > 0);
    }

    private sealed record Sample(string Name, string Labels, double Value);

    /// <summary>The Prometheus text format: <c>name{labels} value [timestamp]</c> per line; <c>#</c> lines are metadata.</summary>
    private static List<Sample> Parse(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith('#'))
            .Select(line =>
            {
                var nameEnd = line.IndexOfAny(['{', ' ']);
                var labelsEnd = line[nameEnd] == '{' ? LabelsEnd(line, nameEnd) : nameEnd;
                var value = line[labelsEnd..].Trim().Split(' ')[0];
                return new Sample(line[..nameEnd], line[nameEnd..labelsEnd], double.Parse(value, CultureInfo.InvariantCulture));
            })
            .ToList();

    /// <summary>The index after the <c>}</c> closing the label set; label values are quoted and may contain braces.</summary>
    private static int LabelsEnd(string line, int open)
    {
        var quoted = false;
        for (var i = open + 1; i < line.Length; i++)
        {
            switch (line[i])
            {
                case '\\' when quoted:
                    i++;
                    break;
                case '"':
                    quoted = !quoted;
                    break;
                case '}' when !quoted:
                    return i + 1;
            }
        }
        throw new FormatException($"unterminated labels: {line}");
    }
}
