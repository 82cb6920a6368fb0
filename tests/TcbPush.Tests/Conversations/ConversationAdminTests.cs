using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TcbPush.Server.Conversations;
using TcbPush.Tests.Infrastructure;
using TcbPush.Tests.Push;
using static TcbPush.Tests.Conversations.ReplyHarness;

namespace TcbPush.Tests.Conversations;

/// <summary>SPEC §10.4: every inbound message, reply and typing change is an entry; the admin API lists, reads and streams them.</summary>
public sealed class ConversationAdminTests : IAsyncLifetime
{
    private const string App = PushHarness.OpenApp;
    private PushHarness push = null!;

    public async Task InitializeAsync() => push = await PushHarness.StartAsync();

    public async Task DisposeAsync() => await push.DisposeAsync();

    [Fact]
    public async Task Conversation_holds_inbound_active_and_typing_entries_in_order()
    {
        var simulated = await push.UserSaysAsync(App, "hello");
        Assert.Equal(0, await push.Server.TypingAsync(App));
        Assert.Equal(0, await push.Server.SendAsync(App, Text("hi there")));

        var entries = await push.Server.EntriesAsync(App);

        Assert.Equal(
            [(1L, "in", "simulated", "text", "hello"), (2L, "out", "active", "typing", "[typing]"), (3L, "out", "active", "text", "hi there")],
            entries.Select(e => ((long)e!["seq"]!, (string)e["direction"]!, (string)e["via"]!, (string)e["msgtype"]!, (string)e["text"]!)));
        Assert.Equal((long)simulated["delivery_id"]!, (long)entries[0]!["delivery_id"]!);
        Assert.Equal("hi there", (string?)entries[2]!["content"]!["text"]!["content"]);
        Assert.All(entries, e => Assert.Equal("sent", (string?)e!["status"]));
    }

    [Fact]
    public async Task Pushed_message_is_an_entry_via_push()
    {
        Assert.Equal((200, "success"), await push.PushAsync(App, PushHarness.TextJson("8001", "from WeChat")));

        var entry = Assert.Single(await push.Server.EntriesAsync(App))!;

        Assert.Equal(("push", "from WeChat"), ((string?)entry["via"], (string?)entry["text"]));
    }

    [Fact]
    public async Task Entries_after_a_sequence_number()
    {
        await push.UserSaysAsync(App, "one");
        await push.UserSaysAsync(App, "two");
        await push.UserSaysAsync(App, "three");

        var entries = await push.Server.EntriesAsync(App, after: 1);

        Assert.Equal(["two", "three"], entries.Select(e => (string)e!["text"]!));
    }

    [Fact]
    public async Task Conversations_are_listed_most_recent_first()
    {
        await push.UserSaysAsync(App, "first", from: "oUserA");
        await Task.Delay(5);
        await push.UserSaysAsync(App, "second", from: "oUserB");

        var list = PushHarness.AssertOk(await push.Server.AdminAsync(HttpMethod.Get, $"/admin/apps/{App}/conversations"))["conversations"]!.AsArray();

        Assert.Equal(["oUserB", "oUserA"], list.Select(c => (string)c!["openid"]!));
    }

    [Fact]
    public async Task Entry_content_is_answered_byte_for_byte_as_stored()
    {
        await push.UserSaysAsync(App, "你好 <b>&'\"quoted\"</b>");
        var stored = Assert.Single(await push.Server.Services.GetRequiredService<IConversationStore>().EntriesAsync(App, User, 0, 10));

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/admin/apps/{App}/conversations/{User}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestServer.AdminKey);
        using var response = await push.Server.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Contains("\"content\":" + stored.Content + ",\"status\":\"sent\",\"reason\":null,\"delivery_id\":", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conversation_reads_need_the_admin_key()
    {
        using var response = await push.Server.Http.GetAsync($"/admin/apps/{App}/conversations/{User}");

        Assert.Equal(401, (int)response.StatusCode);
    }

    [Fact]
    public async Task Event_stream_sends_each_new_entry_and_resumes_after_Last_Event_ID()
    {
        await push.UserSaysAsync(App, "one");
        await push.UserSaysAsync(App, "two");

        using var stream = await OpenStreamAsync(lastEventId: 1);
        var resumed = await stream.NextEntryAsync();
        Assert.Equal((2L, "two"), ((long)resumed["seq"]!, (string?)resumed["text"]));

        Assert.Equal(0, await push.Server.SendAsync(App, Text("live")));
        var live = await stream.NextEntryAsync();
        Assert.Equal((3L, "live", "3"), ((long)live["seq"]!, (string?)live["text"], stream.LastId));
    }

    private async Task<EventStream> OpenStreamAsync(long lastEventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/admin/apps/{App}/conversations/{User}/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestServer.AdminKey);
        request.Headers.Add("Last-Event-ID", lastEventId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var response = await push.Server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new EventStream(request, response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>A Server-Sent Events stream read line by line, bounded in real time.</summary>
    private sealed class EventStream(HttpRequestMessage request, HttpResponseMessage response, StreamReader reader) : IDisposable
    {
        public string? LastId { get; private set; }

        public async Task<JsonObject> NextEntryAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            string? data = null;
            while (await reader.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    LastId = line[4..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line[6..];
                }
                else if (line.Length == 0 && data is not null)
                {
                    return JsonNode.Parse(data)!.AsObject();
                }
            }
            throw new InvalidOperationException("the stream ended");
        }

        public void Dispose()
        {
            reader.Dispose();
            response.Dispose();
            request.Dispose();
        }
    }
}
