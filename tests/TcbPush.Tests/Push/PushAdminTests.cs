using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using static TcbPush.Tests.Push.PushHarness;
using TcbPush.Server.Startup;

namespace TcbPush.Tests.Push;

/// <summary>
/// The push router's admin API: simulated messages, the delivery log, replays.
/// Runs on SQLite here and on PostgreSQL in <see cref="Postgres.PostgresPushAdminTests"/>.
/// </summary>
public class PushAdminTests
{
    /// <summary>The PostgreSQL connection string to run on, or null for SQLite.</summary>
    protected virtual Task<string?> PostgresAsync() => Task.FromResult<string?>(null);

    [Fact]
    public async Task Simulated_text_message_is_shaped_like_wechats_and_delivered()
    {
        await using var push = await StartAsync();
        await push.SetContainerAsync(OpenApp, "env-ok", "/sim");

        var answer = await push.SimulateAsync(OpenApp, new JsonObject { ["type"] = "text", ["content"] = "hi there", ["from"] = "oFriend" });

        Assert.Equal("pending", (string?)answer["status"]);
        var body = JsonDocument.Parse(Assert.Single(await push.Sink.WaitForAsync("/ok/sim")).Body).RootElement;
        Assert.Equal(["ToUserName", "FromUserName", "CreateTime", "MsgType", "Content", "MsgId"], body.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith("gh_", body.GetProperty("ToUserName").GetString(), StringComparison.Ordinal);
        Assert.Equal("oFriend", body.GetProperty("FromUserName").GetString());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("CreateTime").ValueKind);
        Assert.Equal("text", body.GetProperty("MsgType").GetString());
        Assert.Equal("hi there", body.GetProperty("Content").GetString());
        Assert.Equal((string?)answer["msg_id"], body.GetProperty("MsgId").GetRawText());
    }

    [Theory]
    [InlineData("image", new[] { "PicUrl", "MediaId", "MsgId" })]
    [InlineData("miniprogrampage", new[] { "Title", "AppId", "PagePath", "ThumbUrl", "ThumbMediaId", "MsgId" })]
    [InlineData("event", new[] { "Event", "SessionFrom" })]
    public async Task Simulated_messages_have_the_fields_of_their_type(string type, string[] fields)
    {
        await using var push = await StartAsync();
        await push.SetContainerAsync(OpenApp, "env-ok", "/" + type);

        await push.SimulateAsync(OpenApp, new JsonObject { ["type"] = type });

        var body = JsonDocument.Parse(Assert.Single(await push.Sink.WaitForAsync("/ok/" + type)).Body).RootElement;
        Assert.Equal(["ToUserName", "FromUserName", "CreateTime", "MsgType", .. fields], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(type, body.GetProperty("MsgType").GetString());
    }

    [Fact]
    public async Task Simulated_event_defaults_to_user_enter_tempsession()
    {
        await using var push = await StartAsync();

        var answer = await push.SimulateAsync(OpenApp, new JsonObject { ["type"] = "event" });

        var delivery = Assert.Single(await push.DeliveriesAsync())!;
        Assert.Equal(("event", "user_enter_tempsession"), ((string?)delivery["msg_type"], (string?)delivery["event"]));
        Assert.Equal("unrouted", (string?)answer["status"]);
        Assert.EndsWith(":user_enter_tempsession", (string?)answer["msg_id"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulated_event_repeated_within_the_same_second_is_a_duplicate()
    {
        await using var push = await StartAsync(fakeClock: true);
        await push.SimulateAsync(OpenApp, new JsonObject { ["type"] = "event" });

        var again = await push.SimulateAsync(OpenApp, new JsonObject { ["type"] = "event" });

        Assert.Equal("duplicate", (string?)again["status"]);
        Assert.Null(again["delivery_id"]);
    }

    [Theory]
    [InlineData("{}", 40101)]
    [InlineData("""{"type":"video"}""", 40097)]
    [InlineData("""{"type":"text","event":"x"}""", 40097)]
    [InlineData("""{"type":"event","event":"bad event"}""", 40097)]
    [InlineData("""{"type":"text","from":"o\nx"}""", 40097)]
    [InlineData("""{"type":5}""", 40097)]
    [InlineData("[1]", 47001)]
    public async Task Bad_simulated_message_is_refused_and_nothing_stored(string body, int errcode)
    {
        await using var push = await StartAsync();

        var answer = await push.Server.AdminAsync(HttpMethod.Post, $"/admin/apps/{OpenApp}/messages", JsonNode.Parse(body));

        Assert.Equal(errcode, (int?)answer["errcode"]);
        Assert.Empty(await push.DeliveriesAsync());
    }

    [Fact]
    public async Task Simulated_message_for_an_unknown_app_answers_40013()
    {
        await using var push = await StartAsync();

        var answer = await push.Server.AdminAsync(HttpMethod.Post, "/admin/apps/wxnobody/messages", new JsonObject { ["type"] = "text" });

        Assert.Equal(40013, (int?)answer["errcode"]);
    }

    [Fact]
    public async Task Delivery_log_filters_by_app_status_type_and_time_newest_first()
    {
        await using var push = await StartAsync(fakeClock: true);
        await push.SetContainerAsync(OpenApp, "env-ok", "/log");
        var text = await push.SimulateTextAsync(OpenApp);
        push.Time.Advance(TimeSpan.FromMinutes(1));
        var since = push.Time.GetUtcNow();
        var image = (long)(await push.SimulateAsync(OpenApp, new JsonObject { ["type"] = "image" }))["delivery_id"]!;
        var other = await push.SimulateTextAsync(SignedApp);
        await push.WaitForStatusAsync(image, "delivered", 1);

        Assert.Equal([other, image, text], Ids(await push.DeliveriesAsync()));
        Assert.Equal([image, text], Ids(await push.DeliveriesAsync($"?appid={OpenApp}")));
        Assert.Equal([other], Ids(await push.DeliveriesAsync("?status=unrouted")));
        Assert.Equal([image], Ids(await push.DeliveriesAsync("?msg_type=image")));
        Assert.Equal([other, image], Ids(await push.DeliveriesAsync($"?since={Uri.EscapeDataString(since.ToString("O"))}")));
        Assert.Equal([text], Ids(await push.DeliveriesAsync($"?until={Uri.EscapeDataString(since.ToString("O"))}")));
        Assert.Equal([other], Ids(await push.DeliveriesAsync("?limit=1")));
        Assert.Equal([image], Ids(await push.DeliveriesAsync($"?before_id={other}&limit=1")));
    }

    [Theory]
    [InlineData("?status=lost")]
    [InlineData("?since=yesterday")]
    [InlineData("?limit=0")]
    [InlineData("?limit=501")]
    [InlineData("?before_id=x")]
    public async Task Bad_delivery_log_filter_answers_40097(string query)
    {
        await using var push = await StartAsync();

        var answer = await push.Server.AdminAsync(HttpMethod.Get, "/admin/deliveries" + query);

        Assert.Equal(40097, (int?)answer["errcode"]);
    }

    [Fact]
    public async Task Delivery_shows_every_field_of_the_contract()
    {
        await using var push = await StartAsync();
        var id = await push.SimulateTextAsync(OpenApp);

        var delivery = (await push.DeliveryAsync(id))["delivery"]!.AsObject();

        Assert.Equal(
            ["id", "appid", "msg_id", "msg_type", "event", "status", "target", "target_url", "attempts", "next_attempt_at",
             "created_at", "updated_at", "last_status", "last_error", "replay_of"],
            delivery.Select(p => p.Key));
        Assert.EndsWith("Z", (string?)delivery["created_at"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delivery_answer_is_the_envelope_then_the_payload_with_millisecond_utc_times()
    {
        await using var push = await PushHarness.StartAsync(fakeClock: true);
        push.Time.Advance(TimeSpan.FromMilliseconds(1234));
        var id = await push.SimulateTextAsync(OpenApp);

        var answer = await push.DeliveryAsync(id);

        Assert.Equal(["errcode", "errmsg", "delivery", "attempts"], answer.Select(p => p.Key));
        var expected = push.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, (string?)answer["delivery"]!["created_at"]);
        Assert.EndsWith(".234Z", expected, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("999")]
    [InlineData("abc")]
    public async Task Unknown_delivery_answers_40097_delivery_not_found(string id)
    {
        await using var push = await StartAsync();

        var get = await push.Server.AdminAsync(HttpMethod.Get, $"/admin/deliveries/{id}");
        var replay = await push.Server.AdminAsync(HttpMethod.Post, $"/admin/deliveries/{id}/replay");

        Assert.Equal(40097, (int?)get["errcode"]);
        Assert.Contains("delivery not found", (string?)get["errmsg"], StringComparison.Ordinal);
        Assert.Equal(40097, (int?)replay["errcode"]);
    }

    [Fact]
    public async Task Replay_of_a_dead_delivery_is_a_new_delivery_referencing_it()
    {
        await using var push = await StartAsync(fakeClock: true, adjust: o => o.Push.RetrySchedule = []);
        await push.SetContainerAsync(OpenApp, "env-fail", "/replay");
        var dead = await push.SimulateTextAsync(OpenApp);
        await push.WaitForStatusAsync(dead, "dead", 1);
        await push.SetContainerAsync(OpenApp, "env-ok", "/replay");

        var replay = (long)AssertOk(await push.Server.AdminAsync(HttpMethod.Post, $"/admin/deliveries/{dead}/replay"))["delivery_id"]!;

        var delivered = await push.WaitForStatusAsync(replay, "delivered", 1);
        Assert.Equal(dead, (long?)delivered["replay_of"]);
        Assert.Equal("dead", (string?)(await push.DeliveryAsync(dead))["delivery"]!["status"]);
        Assert.Single(await push.Sink.WaitForAsync("/ok/replay"));
    }

    [Fact]
    public async Task Replay_of_an_unrouted_message_routes_it_by_the_current_configuration()
    {
        await using var push = await StartAsync();
        var unrouted = await push.SimulateTextAsync(OpenApp, "kept for later");
        await push.SetContainerAsync(OpenApp, "env-ok", "/later");

        var replay = (long)AssertOk(await push.Server.AdminAsync(HttpMethod.Post, $"/admin/deliveries/{unrouted}/replay"))["delivery_id"]!;

        await push.WaitForStatusAsync(replay, "delivered", 1);
        Assert.Contains("kept for later", Assert.Single(await push.Sink.WaitForAsync("/ok/later")).BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_by_ids_replays_each_once()
    {
        await using var push = await StartAsync();
        var first = await push.SimulateTextAsync(OpenApp);
        var second = await push.SimulateTextAsync(OpenApp);

        var answer = AssertOk(await push.Server.AdminAsync(HttpMethod.Post, "/admin/deliveries/replay", new JsonObject { ["ids"] = new JsonArray(second, first) }));

        var replayed = answer["replayed"]!.AsArray();
        Assert.Equal([first, second], replayed.Select(r => (long)r!["id"]!));
        foreach (var pair in replayed)
        {
            Assert.Equal((long)pair!["id"]!, (long?)(await push.DeliveryAsync((long)pair["delivery_id"]!))["delivery"]!["replay_of"]);
        }
    }

    [Fact]
    public async Task Replay_by_filter_replays_the_matching_deliveries()
    {
        await using var push = await StartAsync();
        var open = await push.SimulateTextAsync(OpenApp);
        await push.SimulateTextAsync(SignedApp);

        var answer = AssertOk(await push.Server.AdminAsync(HttpMethod.Post, "/admin/deliveries/replay",
            new JsonObject { ["appid"] = OpenApp, ["status"] = "unrouted" }));

        Assert.Equal([open], answer["replayed"]!.AsArray().Select(r => (long)r!["id"]!));
    }

    [Theory]
    [InlineData("{}", 40101)]
    [InlineData("""{"ids":[]}""", 40097)]
    [InlineData("""{"ids":[1],"appid":"x"}""", 40097)]
    [InlineData("""{"ids":[424242]}""", 40097)]
    [InlineData("""{"status":"gone"}""", 40097)]
    [InlineData("""{"ids":"1"}""", 40097)]
    public async Task Bad_replay_request_is_refused_and_replays_nothing(string body, int errcode)
    {
        await using var push = await StartAsync();
        await push.SimulateTextAsync(OpenApp);

        var answer = await push.Server.AdminAsync(HttpMethod.Post, "/admin/deliveries/replay", JsonNode.Parse(body));

        Assert.Equal(errcode, (int?)answer["errcode"]);
        Assert.Single(await push.DeliveriesAsync());
    }

    [Fact]
    public async Task Push_admin_endpoints_require_the_admin_key()
    {
        await using var push = await StartAsync();

        using var response = await push.Server.Http.GetAsync("/admin/deliveries");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static List<long> Ids(JsonArray deliveries) => [.. deliveries.Select(d => (long)d!["id"]!)];

    private async Task<PushHarness> StartAsync(bool fakeClock = false, Action<TcbPushOptions>? adjust = null) =>
        await PushHarness.StartAsync(fakeClock, adjust, await PostgresAsync());
}
