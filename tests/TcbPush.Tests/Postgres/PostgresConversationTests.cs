using System.Text.Json.Nodes;
using TcbPush.Tests.Conversations;
using TcbPush.Tests.Infrastructure;
using TcbPush.Tests.Push;
using static TcbPush.Tests.Conversations.ReplyHarness;

namespace TcbPush.Tests.Postgres;

/// <summary>SPEC §10 across two nodes sharing PostgreSQL: the synchronous window and the event stream see the other node's work.</summary>
[Collection(PostgresTestGroup.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresConversationTests(PostgresTestGroup.Instance postgres)
{
    private const string JsonReply = """{"ToUserName":"oUser0001","MsgType":"text","Content":"echo: hi"}""";

    [Fact]
    public async Task Push_is_answered_with_the_passive_reply_of_an_attempt_made_on_another_node()
    {
        // The ingress node delivers nothing itself (no delivery slots); the other node makes every attempt.
        await using var push = await PushHarness.StartAsync(adjust: o => o.Push.MaxConcurrentDeliveries = 0,
            postgres: await postgres.Server.CreateDatabaseAsync());
        await push.AddOfficialAccountAsync();
        push.Sink.AnswerWith("/ok/oa", JsonReply);
        await push.SetContainerAsync(OfficialAccount, "env-ok", "/oa", textMode: 1);
        await using var worker = await push.StartNodeAsync(adjust: o => o.Push.MaxConcurrentDeliveries = 64);

        var (status, body) = await push.PushAsync(OfficialAccount, PushHarness.TextJson("7101"));

        Assert.Equal(200, status);
        Assert.Equal("echo: hi", (string?)JsonNode.Parse(body)!["Content"]);
    }

    [Fact]
    public async Task Event_stream_on_one_node_shows_a_reply_sent_through_the_other()
    {
        await using var push = await PushHarness.StartAsync(postgres: await postgres.Server.CreateDatabaseAsync());
        await using var other = await push.StartNodeAsync();
        await push.UserSaysAsync(PushHarness.OpenApp, "hello");
        var admin = new TcbPush.Client.TcbPushAdminClient(new HttpClient(),
            new TcbPush.Client.TcbPushClientOptions { BaseAddress = new Uri(push.Server.Url), AdminKey = TestServer.AdminKey });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<string>();

        await foreach (var entry in admin.WatchConversationAsync(PushHarness.OpenApp, User, cancellationToken: timeout.Token))
        {
            seen.Add(entry.Text);
            if (seen.Count == 1)
            {
                Assert.Equal(0, await other.SendAsync(PushHarness.OpenApp, Text("from the other node")));
            }
            else
            {
                break;
            }
        }

        Assert.Equal(["hello", "from the other node"], seen);
    }
}
