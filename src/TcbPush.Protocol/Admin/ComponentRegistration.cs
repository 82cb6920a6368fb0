using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>A third-party platform (component) to register (<c>POST /admin/components</c>, and the <c>components</c> of a seed file).</summary>
/// <param name="ComponentAppId">The platform's appid.</param>
/// <param name="ComponentAppSecret">The platform's secret.</param>
/// <param name="ComponentVerifyTicket">The verify ticket WeChat would push every 10 minutes.</param>
public sealed record ComponentRegistration(
    [property: JsonPropertyName("component_appid")] string? ComponentAppId,
    [property: JsonPropertyName("component_appsecret")] string? ComponentAppSecret,
    [property: JsonPropertyName("component_verify_ticket")] string? ComponentVerifyTicket)
{
    /// <summary>Prints the members with every secret hidden (see <see cref="Redaction"/>).</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"ComponentAppId = {ComponentAppId}, ComponentAppSecret = {Redaction.Of(ComponentAppSecret)}, ComponentVerifyTicket = {Redaction.Of(ComponentVerifyTicket)}");
        return true;
    }
}
