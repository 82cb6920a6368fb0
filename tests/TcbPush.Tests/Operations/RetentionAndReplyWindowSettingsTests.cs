using TcbPush.Protocol;
using TcbPush.Server.Startup;
using TcbPush.Tests.Conversations;
using TcbPush.Tests.Push;
using static TcbPush.Tests.Conversations.ReplyHarness;
using static TcbPush.Tests.Push.PushHarness;

namespace TcbPush.Tests.Operations;

/// <summary>SPEC §12 configuration of <c>Push:Retention</c> and <c>Conversations:ReplyWindows:*</c>, validated at start.</summary>
public sealed class RetentionAndReplyWindowSettingsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("tcbpush-settings-").FullName;

    [Fact]
    public void Defaults_are_seven_days_retention_and_WeChats_reply_windows()
    {
        var options = Read([]);

        Assert.Equal(TimeSpan.FromDays(7), options.Push.Retention);
        Assert.Equal(["message 5 2d", "subscribe 3 1m", "CLICK 3 1m", "SCAN 3 1m", "user_enter_tempsession 3 1m"],
            options.Conversations.ReplyWindows.Select(r => $"{r.Trigger} {r.Quota} {Duration.Format(r.Lifetime)}"));
    }

    [Theory]
    [InlineData("off")]
    [InlineData("0")]
    public void Retention_off_or_zero_keeps_everything(string value)
    {
        Assert.Equal(TimeSpan.Zero, Read(new() { ["TCBPUSH__PUSH__RETENTION"] = value }).Push.Retention);
    }

    [Fact]
    public void A_rule_can_change_its_quota_and_keep_its_lifetime()
    {
        var rules = Read(new() { ["TCBPUSH__CONVERSATIONS__REPLYWINDOWS__MESSAGE__QUOTA"] = "2" }).Conversations.ReplyWindows;

        Assert.Equal(("message", 2, TimeSpan.FromHours(48)), (rules[0].Trigger, rules[0].Quota, rules[0].Lifetime));
    }

    [Fact]
    public void A_trigger_can_be_turned_off_and_a_new_one_added()
    {
        var rules = Read(new()
        {
            ["TCBPUSH__CONVERSATIONS__REPLYWINDOWS__CLICK"] = "off",
            ["TCBPUSH__CONVERSATIONS__REPLYWINDOWS__VIEW__QUOTA"] = "1",
            ["TCBPUSH__CONVERSATIONS__REPLYWINDOWS__VIEW__LIFETIME"] = "30s",
        }).Conversations.ReplyWindows;

        Assert.DoesNotContain(rules, r => r.Trigger == "CLICK");
        Assert.Contains(rules, r => r.Trigger == "VIEW" && r.Quota == 1 && r.Lifetime == TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("TCBPUSH__CONVERSATIONS__REPLYWINDOWS__MESSAGE__QUOTA", "0", "Conversations:ReplyWindows:MESSAGE:Quota: '0' must be at least 1 (off removes the trigger)")]
    [InlineData("TCBPUSH__CONVERSATIONS__REPLYWINDOWS__MESSAGE__LIFETIME", "soon", "Conversations:ReplyWindows:MESSAGE:Lifetime: 'soon' is not a duration (500ms, 5s, 2m, 1h, 1d, or seconds)")]
    [InlineData("TCBPUSH__CONVERSATIONS__REPLYWINDOWS__VIEW__QUOTA", "1", "Conversations:ReplyWindows:VIEW: a trigger without a default rule needs both Quota and Lifetime")]
    [InlineData("TCBPUSH__PUSH__RETENTION", "-1d", "Push:Retention: '-1d' must be positive, or 0 or off to keep everything")]
    public void A_bad_value_is_one_line_naming_the_key(string variable, string value, string problem)
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => Read(new() { [variable] = value }));

        Assert.Equal([problem], error.Problems);
    }

    [Fact]
    public async Task A_configured_quota_is_the_one_custom_send_enforces()
    {
        var configured = Read(new() { ["TCBPUSH__CONVERSATIONS__REPLYWINDOWS__MESSAGE__QUOTA"] = "1" });
        await using var push = await PushHarness.StartAsync(adjust: o => o.Conversations.ReplyWindows = configured.Conversations.ReplyWindows);
        await push.UserSaysAsync(OpenApp);

        Assert.Equal(ErrCode.Ok, await push.Server.SendAsync(OpenApp, Text("first")));
        Assert.Equal(ErrCode.OutOfResponseCountLimit, await push.Server.SendAsync(OpenApp, Text("second")));
    }

    private TcbPushOptions Read(Dictionary<string, string> environment) =>
        TcbPushSettings.Read(TcbPushSettings.Build(new Dictionary<string, string?>(), folder, environment));

    public void Dispose()
    {
        Directory.Delete(folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
