using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>A newly received verify ticket (<c>POST /admin/components/{component_appid}/ticket</c>; WeChat pushes one every 10 minutes, here the admin API stands in).</summary>
/// <param name="ComponentVerifyTicket">The new ticket.</param>
public sealed record TicketRegistration(
    [property: JsonPropertyName("component_verify_ticket")] string? ComponentVerifyTicket)
{
    /// <summary>Prints the members with every secret hidden (see <see cref="Redaction"/>).</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"ComponentVerifyTicket = {Redaction.Of(ComponentVerifyTicket)}");
        return true;
    }
}
