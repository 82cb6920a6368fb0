using Microsoft.AspNetCore.Http;
using TcbPush.Server.Push;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Startup;

/// <summary>
/// <c>POST /admin/reset</c> (SPEC §12): empties the received messages, their deliveries, attempts and dedupe
/// identities, and the conversations (entries and reply windows); apps, envs, configurations, components,
/// authorizations and token history stay.
/// </summary>
internal static class ServerReset
{
    public static async Task<IResult> PostAsync(IPushStore push)
    {
        var reset = await push.ResetAsync();
        return WeChatResponse.Ok(json =>
        {
            json.WriteStartObject("deleted");
            json.WriteNumber("messages", reset.Messages);
            json.WriteNumber("deliveries", reset.Deliveries);
            json.WriteNumber("attempts", reset.Attempts);
            json.WriteNumber("conversations", reset.Conversations);
            json.WriteEndObject();
        });
    }
}
