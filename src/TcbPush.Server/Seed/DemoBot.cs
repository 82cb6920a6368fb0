using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using TcbPush.Protocol.Messages;
using TcbPush.Server.Credentials;

namespace TcbPush.Server.Seed;

/// <summary>
/// The demo's bot behind the echo container, written as WeChat's documents describe: to a text sent to the demo
/// official account it answers with a passive reply <c>echo: …</c>; to a text sent to the demo mini program it
/// answers through <c>/cgi-bin/message/custom/send</c> on this server (with the app's stable token), because mini
/// programs cannot reply passively.
/// </summary>
internal sealed class DemoBot(TokenService tokens, IHttpClientFactory httpClients, TimeProvider time, ILogger<DemoBot> logger)
{
    /// <summary>This server's URL, known once it listens; the mini program's replies go there.</summary>
    public string? ServerUrl { get; set; }

    /// <summary>The answer to a delivery: a passive reply for the official account's texts, else <c>success</c> (and an active reply for the mini program's).</summary>
    public (string Body, string ContentType) Answer(string? appId, byte[] body)
    {
        if (Text(body) is not { } message)
        {
            return ("success", "text/plain; charset=utf-8");
        }
        var (fields, format) = message;
        var echo = "echo: " + (string?)fields["Content"];
        if (appId == DemoSetup.OfficialAccountId)
        {
            var reply = new JsonObject
            {
                ["ToUserName"] = (string?)fields["FromUserName"],
                ["FromUserName"] = (string?)fields["ToUserName"],
                ["CreateTime"] = time.GetUtcNow().ToUnixTimeSeconds(),
                ["MsgType"] = "text",
                ["Content"] = echo,
            };
            return (System.Text.Encoding.UTF8.GetString(WeChatMessageCodec.Write(reply, format)),
                format == MessageFormat.Xml ? "application/xml; charset=utf-8" : "application/json; charset=utf-8");
        }
        if (appId == DemoSetup.AppId && (string?)fields["FromUserName"] is { } openId)
        {
            _ = Task.Run(() => ReplyActivelyAsync(appId, openId, echo));
        }
        return ("success", "text/plain; charset=utf-8");
    }

    private async Task ReplyActivelyAsync(string appId, string openId, string text)
    {
        try
        {
            var token = await tokens.StableAsync(appId, forceRefresh: false);
            if (ServerUrl is null || token.Error is not null)
            {
                return;
            }
            var body = new JsonObject { ["touser"] = openId, ["msgtype"] = "text", ["text"] = new JsonObject { ["content"] = text } };
            using var response = await httpClients.CreateClient().PostAsJsonAsync(
                $"{ServerUrl}/cgi-bin/message/custom/send?access_token={Uri.EscapeDataString(token.Value.Token)}", body);
            logger.LogInformation("Demo mini program replied through custom/send: HTTP {Status}", (int)response.StatusCode);
        }
#pragma warning disable CA1031 // A demo reply that fails must not take anything down; it is logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning("Demo mini program could not reply through custom/send: {Error}", e.Message);
        }
    }

    private static (JsonObject Fields, MessageFormat Format)? Text(byte[] body)
    {
        try
        {
            var fields = WeChatMessageCodec.Read(body, out var format);
            return (string?)fields["MsgType"] == "text" ? (fields, format) : null;
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            return null;
        }
    }
}
