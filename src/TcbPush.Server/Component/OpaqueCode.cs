using System.Buffers.Text;
using System.Security.Cryptography;

namespace TcbPush.Server.Component;

/// <summary>
/// The random strings TcbPush hands out on the third-party platform, in WeChat's <c>kind@@@random</c> shape:
/// a prefix naming the kind, then 256 random bits in base64url.
/// </summary>
internal static class OpaqueCode
{
    public const string RefreshToken = "refreshtoken@@@";
    public const string AuthorizationCode = "queryauthcode@@@";
    public const string PreAuthCode = "preauthcode@@@";

    public static string New(string prefix) => prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
