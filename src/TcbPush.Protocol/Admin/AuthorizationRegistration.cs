using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace TcbPush.Protocol.Admin;

/// <summary>
/// An authorizer app's authorization of a platform, granted directly (<c>POST /admin/authorizations</c>, and the
/// <c>authorizations</c> of a seed file); without a refresh token, the server generates one.
/// </summary>
/// <param name="ComponentAppId">The platform's appid.</param>
/// <param name="AuthorizerAppId">The app that authorizes it.</param>
/// <param name="PermissionSets">The permission sets granted (e.g. 49 or 64 for cloud development).</param>
/// <param name="AuthorizerRefreshToken">The refresh token to keep; null for a new one.</param>
public sealed record AuthorizationRegistration(
    [property: JsonPropertyName("component_appid")] string? ComponentAppId,
    [property: JsonPropertyName("authorizer_appid")] string? AuthorizerAppId,
    [property: JsonPropertyName("permission_sets")] IReadOnlyList<int>? PermissionSets,
    [property: JsonPropertyName("authorizer_refresh_token")] string? AuthorizerRefreshToken = null)
{
    /// <summary>Prints the members with every secret hidden (see <see cref="Redaction"/>).</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"ComponentAppId = {ComponentAppId}, AuthorizerAppId = {AuthorizerAppId}, PermissionSets = [{(PermissionSets is null ? "" : string.Join(", ", PermissionSets))}], AuthorizerRefreshToken = {Redaction.Of(AuthorizerRefreshToken)}");
        return true;
    }
}
