namespace TcbPush.Server.Credentials;

/// <summary>What a token was issued as; each kind has its own generations per subject.</summary>
internal enum TokenKind : byte
{
    /// <summary>An app's token from <c>/cgi-bin/token</c>; subject: the appid.</summary>
    App = 1,

    /// <summary>An app's token from <c>/cgi-bin/stable_token</c>; subject: the appid.</summary>
    Stable = 2,

    /// <summary>A third-party platform's component_access_token; subject: the component appid.</summary>
    Component = 3,

    /// <summary>An authorizer_access_token; subject: <c>component appid|authorizer appid</c>.</summary>
    Authorizer = 4,

    /// <summary>
    /// A cloud-call token sent with every delivery (<c>X-WX-CLOUDBASE-ACCESS-TOKEN</c>, SPEC §10.3); subject: the appid.
    /// Acts as the app; every unexpired generation stays valid, and it neither supersedes nor is superseded by the app's tokens.
    /// </summary>
    CloudCall = 5,
}
