namespace TcbPush.Protocol;

/// <summary>
/// How a record that holds a secret (an app secret, a token, a ticket, a code, a key) prints it in
/// <c>ToString()</c>: <c>***</c> when it has one, <c>null</c> when not, so that logging a record never leaks one.
/// </summary>
internal static class Redaction
{
    public const string Hidden = "***";

    public static string Of(string? secret) => secret is null ? "null" : Hidden;
}
