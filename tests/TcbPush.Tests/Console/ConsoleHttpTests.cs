using System.Net;
using System.Text.RegularExpressions;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Console;

/// <summary>The web console's HTTP behaviour that needs no browser: the gate, the cookie, anti-forgery, the assets.</summary>
public sealed partial class ConsoleHttpTests : IAsyncLifetime
{
    private ConsoleSite site = null!;

    public async Task InitializeAsync() => site = await ConsoleSite.StartAsync();

    public async Task DisposeAsync() => await site.DisposeAsync();

    [Theory]
    [InlineData("/console")]
    [InlineData("/console/apps")]
    [InlineData("/console/deliveries")]
    public async Task A_page_without_a_session_redirects_to_sign_in(string path)
    {
        using var client = site.Client(new CookieContainer());
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/console/signin", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site_strict()
    {
        using var client = site.Client(new CookieContainer());
        using var response = await SignInAsync(client, TestServer.AdminKey);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("tcbpush_console=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/console", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_wrong_key_gets_no_session_cookie()
    {
        using var client = site.Client(new CookieContainer());
        using var response = await SignInAsync(client, "wrong");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith("tcbpush_console=", StringComparison.Ordinal));
        Assert.Contains("errcode 40001", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_posted_without_the_anti_forgery_token_is_refused()
    {
        var cookies = new CookieContainer();
        using var client = site.Client(cookies);
        (await SignInAsync(client, TestServer.AdminKey)).Dispose();

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "add-app", ["Form.AppId"] = "wxforged", ["Form.Secret"] = "forged-secret",
        });
        using var response = await client.PostAsync("/console/apps", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var apps = await site.Server.AdminAsync(HttpMethod.Get, "/admin/apps");
        Assert.DoesNotContain(apps["apps"]!.AsArray(), a => a!["appid"]!.GetValue<string>() == "wxforged");
    }

    [Fact]
    public async Task A_form_posted_with_the_token_is_accepted()
    {
        var cookies = new CookieContainer();
        using var client = site.Client(cookies);
        (await SignInAsync(client, TestServer.AdminKey)).Dispose();
        var token = Token().Match(await client.GetStringAsync("/console/apps")).Groups[1].Value;

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "add-app", ["__RequestVerificationToken"] = token, ["Form.AppId"] = "wxadded", ["Form.Secret"] = "added-secret",
        });
        using var response = await client.PostAsync("/console/apps", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var apps = await site.Server.AdminAsync(HttpMethod.Get, "/admin/apps");
        Assert.Contains(apps["apps"]!.AsArray(), a => a!["appid"]!.GetValue<string>() == "wxadded");
    }

    [Fact]
    public async Task A_bad_delivery_filter_shows_the_admin_apis_40097()
    {
        var cookies = new CookieContainer();
        using var client = site.Client(cookies);
        (await SignInAsync(client, TestServer.AdminKey)).Dispose();

        var page = await client.GetStringAsync("/console/deliveries?status=lost");

        Assert.Contains("errcode 40097", page, StringComparison.Ordinal);
        Assert.Contains("status must be one of pending, delivering, delivered, dead, unrouted", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conversations_event_stream_needs_a_console_session()
    {
        using var client = site.Client(new CookieContainer());
        using var response = await client.GetAsync($"/console/apps/{ConsoleSite.AppId}/conversations/oStreamUser/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/console/signin", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_conversations_event_stream_sends_its_entries_to_the_console_session()
    {
        using var client = site.Client(new CookieContainer());
        (await SignInAsync(client, TestServer.AdminKey)).Dispose();
        await site.Server.AdminAsync(HttpMethod.Post, $"/admin/apps/{ConsoleSite.AppId}/messages",
            new System.Text.Json.Nodes.JsonObject { ["type"] = "text", ["content"] = "streamed", ["from"] = "oStreamUser" });

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await client.GetAsync($"/console/apps/{ConsoleSite.AppId}/conversations/oStreamUser/events",
            HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token));
        string? data = null;
        while (data is null && await reader.ReadLineAsync(deadline.Token) is { } line)
        {
            data = line.StartsWith("data: ", StringComparison.Ordinal) ? line["data: ".Length..] : null;
        }

        var entry = System.Text.Json.Nodes.JsonNode.Parse(data!)!;
        Assert.Equal("streamed", entry["text"]!.GetValue<string>());
        Assert.Equal("simulated", entry["via"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_chat_page_never_carries_the_admin_key()
    {
        using var client = site.Client(new CookieContainer());
        (await SignInAsync(client, TestServer.AdminKey)).Dispose();

        var page = await client.GetStringAsync($"/console/apps/{ConsoleSite.AppId}/conversations/oStreamUser");

        Assert.Contains($"data-events=\"/console/apps/{ConsoleSite.AppId}/conversations/oStreamUser/events\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain(TestServer.AdminKey, page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("console.css", "text/css")]
    [InlineData("console.js", "text/javascript")]
    public async Task The_assets_come_from_the_server_itself(string name, string type)
    {
        using var client = site.Client(new CookieContainer());
        using var response = await client.GetAsync($"/console/assets/{name}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string key)
    {
        var token = Token().Match(await client.GetStringAsync("/console/signin")).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin", ["__RequestVerificationToken"] = token, ["Form.AdminKey"] = key,
        });
        return await client.PostAsync("/console/signin", form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
