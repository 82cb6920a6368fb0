using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TcbPush.Protocol.Admin;
using TcbPush.Protocol;
using TcbPush.Server.Apps;
using TcbPush.Server.CallbackConfig;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Seed;

/// <summary>
/// <c>serve --demo</c>: a demo mini program and a demo official account (its pushes going to the echo container from
/// the start), the seed document's environment pointing back at this server, and a built-in echo container and
/// function that accept every delivery, show what they received, and answer texts as <see cref="DemoBot"/> does.
/// </summary>
internal sealed class DemoSetup(AppRegistry registry, EchoRecorder echo, DemoBot bot, ICallbackConfigStore configs)
{
    public const string AppId = "wxdemo0000000000";
    public const string OfficialAccountId = "wxdemooa00000000";
    public const string Secret = "demo-secret";
    public const string Env = "test-env-6gni9ity244a6ea3";
    public const string ContainerPath = "/container-echo";
    public const string FunctionPath = "/function-echo";

    public async Task RegisterAsync(string serverUrl)
    {
        await Expect(registry.RegisterAppAsync(new AppRegistration(AppId, Secret)));
        await Expect(registry.RegisterEnvironmentAsync(new EnvironmentRegistration(Env, serverUrl, serverUrl + FunctionPath)));
        await Expect(registry.RegisterAppAsync(new AppRegistration(OfficialAccountId, Secret, Kind: AppKind.OfficialAccount)));
        bot.ServerUrl = serverUrl;
        // The official account pushes to the echo container from the start, so that `tcbpush chat` shows its passive
        // replies at once. The echo container is built in: no path check is needed (nor waited for).
        await configs.TryReplaceAsync(OfficialAccountId, expectedVersion: 0,
            new CallbackConfiguration(FunctionConfig.Default, new ContainerConfig(true, Env, ContainerPath, ContainerConfig.Json)));
    }

    public static string Instructions(string serverUrl, string adminKey) => $$$"""
        Demo mode: mini program {{{AppId}}} and official account {{{OfficialAccountId}}} (secret {{{Secret}}} for both), env {{{Env}}} -> this server's echo container {{{ContainerPath}}}.
          token:  curl '{{{serverUrl}}}/cgi-bin/token?grant_type=client_credential&appid={{{AppId}}}&secret={{{Secret}}}'
          set:    curl -X POST '{{{serverUrl}}}/tcb/setcallbackconfig?access_token=TOKEN' -d '{"container_config":{"enable":true,"qbase_env":"{{{Env}}}","qbase_container_path":"{{{ContainerPath}}}","text_mode":1}}'
          get:    curl -X POST '{{{serverUrl}}}/tcb/getcallbackconfig?access_token=TOKEN'
          echo:   curl '{{{serverUrl}}}{{{ContainerPath}}}'   (what the echo container received)
          send:   tcbpush push send --server {{{serverUrl}}} --admin-key {{{adminKey}}} --appid {{{AppId}}} --type text --content hi   (simulate a user's message)
          log:    tcbpush deliveries list --server {{{serverUrl}}} --admin-key {{{adminKey}}}   (the delivery log; deliveries show ID for its attempts)
          chat:   tcbpush chat --server {{{serverUrl}}} --admin-key {{{adminKey}}} --appid {{{OfficialAccountId}}}   (the echo bot answers passively;
                  the mini program answers through custom/send once its container config is set as above)
        """;

    public void MapEcho(IEndpointRouteBuilder routes)
    {
        routes.MapPost(ContainerPath + "/{**rest}", (Delegate)echo.RecordAsync);
        routes.MapPost(FunctionPath + "/{**rest}", (Delegate)echo.RecordAsync);
        routes.MapGet(ContainerPath, () => Results.Json(echo.Received()));
        routes.MapGet(FunctionPath, () => Results.Json(echo.Received()));
    }

    private static async Task Expect(Task<Result<bool>> registration)
    {
        var result = await registration;
        if (result.Error is { } error)
        {
            throw new InvalidOperationException($"demo registration failed: {error.Message}");
        }
    }
}
