using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Console;

/// <summary>The web console (SPEC §11) in a real browser: Debian's Chromium driven by Playwright.</summary>
public sealed partial class ConsoleBrowserTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private ConsoleSite site = null!;
    private IBrowserContext context = null!;
    private IPage page = null!;

    public async Task InitializeAsync()
    {
        site = await ConsoleSite.StartAsync();
        context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = site.Url, ViewportSize = new ViewportSize { Width = 1280, Height = 800 }, TimezoneId = "Asia/Shanghai",
        });
        // The machines that run the tests are often busy: generous timeouts, no timing assertions.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        page = await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await context.DisposeAsync();
        await site.DisposeAsync();
    }

    [Fact]
    public async Task Sign_in_refuses_a_wrong_key_and_accepts_the_right_one()
    {
        await page.GotoAsync("/console/apps");
        Assert.EndsWith("/console/signin", page.Url, StringComparison.Ordinal);

        await SignInAsync("not-the-key");
        Assert.EndsWith("/console/signin", page.Url, StringComparison.Ordinal);
        Assert.Contains("errcode 40001", await page.Locator(".notice").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("", await page.Locator("#admin-key").InputValueAsync());
        await ScreenshotAsync("signin-refused");

        await SignInAsync(TestServer.AdminKey);
        Assert.EndsWith("/console", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(TestServer.AdminKey, await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_renders_with_data()
    {
        var dead = await site.DeadDeliveryAsync();
        await SignInAsync(TestServer.AdminKey);

        await page.GotoAsync("/console");
        Assert.Contains("dead", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator($"a[href='/console/deliveries/{dead}']").CountAsync());
        await ScreenshotAsync("overview");

        await page.GotoAsync("/console/apps");
        Assert.Equal(1, await page.GetByRole(AriaRole.Cell, new() { Name = ConsoleSite.AppId, Exact = true }).CountAsync());
        await ScreenshotAsync("apps");

        await page.GotoAsync("/console/envs");
        Assert.Equal(1, await page.GetByRole(AriaRole.Cell, new() { Name = "env-fail", Exact = true }).CountAsync());
        await ScreenshotAsync("environments");

        await page.GotoAsync($"/console/apps/{ConsoleSite.AppId}/config");
        Assert.Contains("env-fail", await page.Locator("#current-config").InnerTextAsync(), StringComparison.Ordinal);
        await ScreenshotAsync("callback-config");

        await page.GotoAsync($"/console/deliveries?appid={ConsoleSite.AppId}&status=dead");
        Assert.Equal(1, await page.Locator("tbody tr").CountAsync());
        await ScreenshotAsync("deliveries");

        await page.GotoAsync($"/console/deliveries/{dead}");
        Assert.Contains("HTTP 500", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        var attempts = (await site.Server.AdminAsync(HttpMethod.Get, $"/admin/deliveries/{dead}"))["attempts"]!.AsArray();
        Assert.Equal(attempts.Count, await page.Locator("tbody tr").CountAsync());
        Assert.Matches(UtcOffset(), await page.Locator("time").First.InnerTextAsync());
        Assert.EndsWith(" UTC", await page.Locator("time").First.GetAttributeAsync("title") ?? "", StringComparison.Ordinal);
        await ScreenshotAsync("delivery-detail");

        await page.GotoAsync("/console/components");
        var authorization = await page.Locator("tr", new() { HasText = "wxauthorizer" }).InnerTextAsync();
        Assert.Contains("wxcomponent", authorization, StringComparison.Ordinal);
        Assert.Contains("49, 64", authorization, StringComparison.Ordinal);
        Assert.Contains("standing", authorization, StringComparison.Ordinal);
        await ScreenshotAsync("components");

        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/console");
        await ScreenshotAsync("overview-phone");
    }

    [Fact]
    public async Task A_config_edit_that_breaks_a_rule_shows_40097_and_changes_nothing()
    {
        var before = await site.GetConfigAsync();
        await SignInAsync(TestServer.AdminKey);
        await page.GotoAsync($"/console/apps/{ConsoleSite.AppId}/config");

        await page.GetByLabel("setcallbackconfig body (JSON)").FillAsync(
            """{"container_config":{"enable":true,"qbase_env":"no-such-env","qbase_container_path":"/push","text_mode":1}}""");
        await SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Apply configuration" }));

        var notice = await page.Locator(".notice.error").InnerTextAsync();
        Assert.Contains("errcode 40097", notice, StringComparison.Ordinal);
        Assert.Contains("invalid args: env not exists: container_config.qbase_env 'no-such-env' rid: ", notice, StringComparison.Ordinal);
        await ScreenshotAsync("callback-config-40097");
        Assert.Equal(before.ToJsonString(), (await site.GetConfigAsync()).ToJsonString());
    }

    [Fact]
    public async Task A_valid_edit_is_visible_through_getcallbackconfig()
    {
        await SignInAsync(TestServer.AdminKey);
        await page.GotoAsync($"/console/apps/{ConsoleSite.AppId}/config");

        await page.GetByLabel("setcallbackconfig body (JSON)").FillAsync(
            """{"container_config":{"enable":true,"qbase_env":"env-ok","qbase_container_path":"/from-console","text_mode":2}}""");
        await SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Apply configuration" }));

        Assert.Contains("Configuration applied", await page.Locator(".notice.ok").InnerTextAsync(), StringComparison.Ordinal);
        var container = (await site.GetConfigAsync())["data"]!["container_config"]!;
        Assert.Equal("env-ok", container["qbase_env"]!.GetValue<string>());
        Assert.Equal("/from-console", container["qbase_container_path"]!.GetValue<string>());
        Assert.Equal(2, container["text_mode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Replaying_a_dead_delivery_creates_a_new_delivery_of_the_same_message()
    {
        var dead = await site.DeadDeliveryAsync();
        await SignInAsync(TestServer.AdminKey);
        await page.GotoAsync($"/console/deliveries/{dead}");

        await SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Replay this delivery" }));

        Assert.DoesNotMatch($"/console/deliveries/{dead}$", page.Url);
        Assert.Equal(1, await page.Locator($"a[href='/console/deliveries/{dead}']").CountAsync());
        await ScreenshotAsync("delivery-replayed");
        var replays = await site.Server.AdminAsync(HttpMethod.Get, $"/admin/deliveries?appid={ConsoleSite.AppId}");
        Assert.Contains(replays["deliveries"]!.AsArray(), d => d!["replay_of"]?.GetValue<long>() == dead);
    }

    [Fact]
    public async Task Revoking_an_authorization_in_the_console_revokes_it_on_the_wire()
    {
        await SignInAsync(TestServer.AdminKey);
        await page.GotoAsync("/console/components");

        await SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Revoke" }));

        Assert.Contains("Revoked wxauthorizer's authorization of wxcomponent.", await page.Locator(".notice.ok").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("revoked", await page.Locator("tr", new() { HasText = "wxauthorizer" }).InnerTextAsync(), StringComparison.Ordinal);
        var authorizations = await site.Server.AdminAsync(HttpMethod.Get, "/admin/authorizations");
        Assert.NotNull(Assert.Single(authorizations["authorizations"]!.AsArray())!["revoked_at"]);
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        await SignInAsync(TestServer.AdminKey);
        var cookies = new CookieContainer();
        foreach (var cookie in await context.CookiesAsync())
        {
            cookies.Add(new Uri(site.Url), new System.Net.Cookie(cookie.Name, cookie.Value, cookie.Path));
        }

        await SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }));
        Assert.EndsWith("/console/signin", page.Url, StringComparison.Ordinal);
        await page.GotoAsync("/console/apps");
        Assert.EndsWith("/console/signin", page.Url, StringComparison.Ordinal);

        using var client = site.Client(cookies);
        using var replayed = await client.GetAsync("/console/apps");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.Equal("/console/signin", replayed.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Typing_as_the_user_reaches_the_bot_and_its_passive_reply_appears_without_a_reload()
    {
        await using var demo = await TestServer.StartAsync(configure: options =>
        {
            options.Demo = true;
            options.Quiet = true;
        });
        var openId = "oConsoleChatUser";
        await SignInAsync(TestServer.AdminKey, demo.Url);
        await page.GotoAsync($"{demo.Url}/console/apps/wxdemooa00000000/conversations/{openId}");
        await page.EvaluateAsync("() => { window.tcbpushSameDocument = true; }");

        await page.GetByLabel("Message from the user").FillAsync("hello from the console");
        await page.GetByLabel("Message from the user").PressAsync("Enter");

        var reply = page.Locator("#chat li.from-app .bubble", new() { HasText = "echo: hello from the console" });
        await reply.WaitForAsync();
        Assert.Equal(1, await page.Locator("#chat li.from-user .bubble", new() { HasText = "hello from the console" }).CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.tcbpushSameDocument === true"));
        Assert.Equal("", await page.GetByLabel("Message from the user").InputValueAsync());
        var echoed = await demo.Http.GetStringAsync("/container-echo");
        Assert.Contains("hello from the console", echoed, StringComparison.Ordinal);
        var entries = await demo.AdminAsync(HttpMethod.Get, $"/admin/apps/wxdemooa00000000/conversations/{openId}");
        Assert.Contains(entries["entries"]!.AsArray(), e => e!["via"]!.GetValue<string>() == "passive" && e["text"]!.GetValue<string>() == "echo: hello from the console");
        await ScreenshotAsync("conversation");

        await page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync("conversation-phone");
        await page.GotoAsync($"{demo.Url}/console/apps/wxdemooa00000000/conversations");
        Assert.Equal(1, await page.GetByRole(AriaRole.Link, new() { Name = openId, Exact = true }).CountAsync());
        await ScreenshotAsync("conversations");
    }

    [Fact]
    public async Task A_mini_programs_passive_reply_shows_as_ignored_with_its_reason()
    {
        site.Sink.AnswerWith("/ok/push", """{"ToUserName":"oIgnoredUser","FromUserName":"gh_x","CreateTime":1,"MsgType":"text","Content":"not for you"}""");
        await site.SetConfigAsync("""{"container_config":{"enable":true,"qbase_env":"env-ok","qbase_container_path":"/push","text_mode":1}}""");
        await SignInAsync(TestServer.AdminKey);
        await page.GotoAsync($"/console/apps/{ConsoleSite.AppId}/conversations/oIgnoredUser");

        await page.GetByLabel("Message from the user").FillAsync("anyone there?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        var ignored = page.Locator("#chat li.entry-ignored");
        await ignored.WaitForAsync();
        var text = await ignored.InnerTextAsync();
        Assert.Contains("not for you", text, StringComparison.Ordinal);
        Assert.Contains("passive", text, StringComparison.Ordinal);
        Assert.Contains("ignored", text, StringComparison.Ordinal);
        await ScreenshotAsync("conversation-ignored");
    }

    [Fact]
    public async Task A_delivery_in_flight_shows_its_outcome_without_a_reload()
    {
        await site.Server.AdminAsync(HttpMethod.Post, "/admin/envs", new JsonObject
        {
            ["env"] = "env-slow", ["container_base_url"] = site.Sink.Url + "/slow/8000", ["function_base_url"] = site.Sink.Url + "/fn",
        });
        await site.SetConfigAsync("""{"container_config":{"enable":true,"qbase_env":"env-slow","qbase_container_path":"/push","text_mode":1}}""");
        await SignInAsync(TestServer.AdminKey);
        var sent = await site.Server.AdminAsync(HttpMethod.Post, $"/admin/apps/{ConsoleSite.AppId}/messages", new JsonObject { ["type"] = "text" });
        var id = sent["delivery_id"]!.GetValue<long>();

        await page.GotoAsync($"/console/deliveries/{id}");
        Assert.Contains(await page.Locator("#delivery-facts .badge").InnerTextAsync(), new[] { "pending", "delivering" });
        await page.EvaluateAsync("() => { window.tcbpushSameDocument = true; }");

        await page.Locator("#delivery-facts .badge", new() { HasText = "delivered" }).WaitForAsync();
        Assert.Equal(1, await page.Locator("#delivery-attempts tbody tr").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.tcbpushSameDocument === true"));
        Assert.Matches(UtcOffset(), await page.Locator("#delivery-facts time").First.InnerTextAsync());
    }

    [Fact]
    public async Task Replaying_every_dead_delivery_of_a_filter_reports_its_progress()
    {
        var dead = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            dead.Add(await site.DeadDeliveryAsync());
        }
        await SignInAsync(TestServer.AdminKey);
        await page.GotoAsync($"/console/deliveries?appid={ConsoleSite.AppId}&status=dead");

        await page.GetByRole(AriaRole.Button, new() { Name = "Replay every dead delivery of this filter" }).ClickAsync();

        await page.Locator("[data-replay-progress]", new() { HasText = "Replayed 3 dead deliveries." }).WaitForAsync();
        await ScreenshotAsync("deliveries-replayed");
        var all = await site.Server.AdminAsync(HttpMethod.Get, $"/admin/deliveries?appid={ConsoleSite.AppId}&limit=500");
        var replayOf = all["deliveries"]!.AsArray().Select(d => d!["replay_of"]?.GetValue<long>()).OfType<long>().Order().ToList();
        Assert.Equal(dead.Order(), replayOf);
    }

    [Fact]
    public async Task A_time_filter_typed_in_the_viewers_zone_is_sent_as_utc()
    {
        await SignInAsync(TestServer.AdminKey);
        await page.GotoAsync("/console/deliveries");
        Assert.Contains("UTC+08:00", await page.Locator("label[for=f-since]").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByLabel("Created from").FillAsync("2030-01-01T08:00");
        await SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Filter" }));

        Assert.Contains("since=2030-01-01T00%3A00%3A00.000Z", page.Url, StringComparison.Ordinal);
        Assert.Equal("2030-01-01T08:00", (await page.GetByLabel("Created from").InputValueAsync())[..16]);
        Assert.Contains("No delivery matches these filters", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_is_added_with_its_kind_its_secret_rotated_and_deleted_after_confirmation()
    {
        await SignInAsync(TestServer.AdminKey);
        await page.GotoAsync("/console/apps");
        await page.GetByLabel("App id", new() { Exact = true }).FillAsync("wxofficial");
        await page.GetByLabel("Secret", new() { Exact = true }).FillAsync("first-secret");
        await page.GetByLabel("Kind", new() { Exact = true }).SelectOptionAsync("officialaccount");
        await SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save app" }));
        Assert.Contains("official account", await page.Locator("tr", new() { HasText = "wxofficial" }).InnerTextAsync(), StringComparison.Ordinal);
        var apps = await site.Server.AdminAsync(HttpMethod.Get, "/admin/apps");
        Assert.Equal("officialaccount", apps["apps"]!.AsArray().Single(a => a!["appid"]!.GetValue<string>() == "wxofficial")!["kind"]!.GetValue<string>());

        await SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Rotate the secret of wxofficial" }));
        var secret = SecretShown().Match(await page.Locator(".notice.ok").InnerTextAsync()).Groups[1].Value;
        Assert.NotEmpty(await site.Server.TokenAsync("wxofficial", secret));
        var old = await site.Server.GetJsonAsync("/cgi-bin/token?grant_type=client_credential&appid=wxofficial&secret=first-secret");
        Assert.NotEqual(0, old["errcode"]!.GetValue<int>());

        await page.GetByRole(AriaRole.Link, new() { Name = "Delete app wxofficial" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, delete wxofficial" }).WaitForAsync();
        Assert.Equal(1, await page.GetByRole(AriaRole.Cell, new() { Name = "wxofficial", Exact = true }).CountAsync());
        await ScreenshotAsync("apps-confirm-delete");
        await SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Yes, delete wxofficial" }));
        Assert.Contains("App wxofficial deleted.", await page.Locator(".notice.ok").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByRole(AriaRole.Cell, new() { Name = "wxofficial", Exact = true }).CountAsync());
    }

    [Fact]
    public async Task The_overview_shows_health_storage_counts_and_recent_errors_with_their_rid()
    {
        var refused = await site.Server.GetJsonAsync("/cgi-bin/token?grant_type=client_credential&appid=wxconsole&secret=wrong");
        var rid = Rid().Match(refused["errmsg"]!.GetValue<string>()).Groups[1].Value;
        await SignInAsync(TestServer.AdminKey);

        await page.GotoAsync("/console");

        Assert.Equal("ready", await page.Locator("#health").InnerTextAsync());
        Assert.Equal("sqlite", await page.Locator("#storage").InnerTextAsync());
        var error = await page.Locator("#recent-errors tr", new() { HasText = rid }).InnerTextAsync();
        Assert.Contains("/cgi-bin/token", error, StringComparison.Ordinal);
        Assert.Contains(refused["errcode"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture), error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pages_can_be_used_from_the_keyboard()
    {
        await SignInAsync(TestServer.AdminKey);
        await page.GotoAsync("/console/apps");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");
        Assert.EndsWith("#main", page.Url, StringComparison.Ordinal);
        foreach (var input in await page.Locator("main input:not([type=hidden]), main select, main textarea").AllAsync())
        {
            var id = await input.GetAttributeAsync("id");
            Assert.Equal(1, await page.Locator($"label[for='{id}']").CountAsync());
        }
    }

    private async Task SignInAsync(string key, string? server = null)
    {
        await page.GotoAsync((server ?? "") + "/console/signin");
        await page.GetByLabel("Admin key").FillAsync(key);
        await SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }));
    }

    /// <summary>
    /// Clicks a form's submit button and waits until the page its answer loads is there (a same-URL answer too): the
    /// current document is marked first, and the wait ends in a document without the mark.
    /// </summary>
    private async Task SubmitAsync(ILocator button)
    {
        await page.EvaluateAsync("() => { window.tcbpushSubmitted = true; }");
        await button.ClickAsync();
        await page.WaitForFunctionAsync("() => !window.tcbpushSubmitted && document.readyState !== 'loading'");
    }

    private async Task ScreenshotAsync(string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.ScreenshotFolder, name + ".png"), FullPage = true });

    [GeneratedRegex(@"\(UTC\+08:00\)$")]
    private static partial Regex UtcOffset();

    [GeneratedRegex(@"\(shown this once\): ([0-9a-f]+)")]
    private static partial Regex SecretShown();

    [GeneratedRegex(@"rid: ([\w-]+)")]
    private static partial Regex Rid();
}
