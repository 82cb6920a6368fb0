using System.Text.RegularExpressions;

namespace TcbPush.Server.Apps;

/// <summary>The forms of app and environment ids, shared by every feature that accepts one.</summary>
public static partial class AppIds
{
    /// <summary>An app id (also a component's): 1-32 characters of A-Z, a-z, 0-9, _ and -.</summary>
    public static bool IsAppId(string appId) => AppIdPattern().IsMatch(appId);

    /// <summary>An environment id: 1-64 characters of A-Z, a-z, 0-9 and -.</summary>
    public static bool IsEnvId(string env) => EnvIdPattern().IsMatch(env);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}\\z")]
    private static partial Regex AppIdPattern();

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}\\z")]
    private static partial Regex EnvIdPattern();
}
