using System.Net;
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

    private async Task SignInAsync(string key)
    {
        await page.GotoAsync("/console/signin");
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
}
