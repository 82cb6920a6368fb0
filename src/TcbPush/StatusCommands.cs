using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TcbPush.Cli;

/// <summary>
/// <c>tcbpush status</c> and <c>tcbpush reset</c>: a TcbPush server's <c>/admin/status</c> and <c>/admin/reset</c>.
/// They call the admin API directly until the SDK's admin client covers these two routes.
/// </summary>
internal static class StatusCommands
{
    public static Command Status()
    {
        var connection = new ConnectionOptions(ConnectionOptions.TcbPushServer);
        var json = new Option<bool>("--json") { Description = "Print the status as JSON" };
        var command = new Command("status", "Show a TcbPush server's version, storage, uptime, counts, backlog and dead deliveries") { json };
        command.SetAction((parse, cancellation) => CliOutput.RunAsync(async () =>
        {
            var status = await SendAsync(connection.Resolve(parse), HttpMethod.Get, "admin/status", cancellation);
            if (parse.GetValue(json))
            {
                CliOutput.Json(status);
                return;
            }
            var deliveries = status["deliveries"] as JsonObject ?? [];
            CliOutput.Raw($"version     {status["version"]}");
            CliOutput.Raw($"storage     {status["storage"]}");
            CliOutput.Raw($"uptime      {status["uptime_seconds"]} s");
            CliOutput.Raw($"apps        {status["apps"]}");
            CliOutput.Raw($"backlog     {status["backlog"]}");
            CliOutput.Raw($"dead        {status["dead"]}");
            CliOutput.Raw($"deliveries  {string.Join(", ", deliveries.Select(pair => $"{pair.Key} {pair.Value}"))}");
        }));
        return connection.AddTo(command, ConnectionUse.AdminKey);
    }

    public static Command Reset()
    {
        var connection = new ConnectionOptions(ConnectionOptions.TcbPushServer);
        var command = new Command("reset", "Delete every received message, delivery, attempt and conversation (apps, envs and configurations stay)");
        command.SetAction((parse, cancellation) => CliOutput.RunAsync(async () =>
        {
            var answer = await SendAsync(connection.Resolve(parse), HttpMethod.Post, "admin/reset", cancellation);
            var deleted = answer["deleted"];
            CliOutput.Raw($"deleted {deleted?["messages"]} messages, {deleted?["deliveries"]} deliveries, {deleted?["attempts"]} attempts, {deleted?["conversations"]} conversations");
        }));
        return connection.AddTo(command, ConnectionUse.AdminKey);
    }

    private static async Task<JsonObject> SendAsync(ConnectionOptions.Connection target, HttpMethod method, string path, CancellationToken cancellation)
    {
        var key = target.RequireAdminKey();
        var server = target.Server.AbsoluteUri.EndsWith('/') ? target.Server : new Uri(target.Server.AbsoluteUri + "/");
        using var request = new HttpRequestMessage(method, new Uri(server, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await ConnectionOptions.HttpClient.SendAsync(request, cancellation);
        var text = await response.Content.ReadAsStringAsync(cancellation);
        JsonObject? body;
        try
        {
            body = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} from {request.RequestUri}: {body?["error"] ?? text}");
        }
        return body ?? throw new HttpRequestException($"{request.RequestUri} did not answer JSON");
    }
}
