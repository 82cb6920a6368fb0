using Microsoft.AspNetCore.Http;

namespace TcbPush.Server.Push.Ingress;

/// <summary>
/// Why a push was refused: 401 for a failed signature or decryption, 400 for a malformed message, 404 for an appid
/// TcbPush does not know, 413 for a body over the limit.
/// </summary>
internal sealed record IngressRejection(int StatusCode, string Reason)
{
    public static IngressRejection Unauthorized(string reason) => new(StatusCodes.Status401Unauthorized, reason);

    public static IngressRejection Malformed(string reason) => new(StatusCodes.Status400BadRequest, reason);

    public static IngressRejection UnknownApp { get; } = new(StatusCodes.Status404NotFound, "unknown appid");

    public static IngressRejection TooLarge(string reason) => new(StatusCodes.Status413PayloadTooLarge, reason);
}
