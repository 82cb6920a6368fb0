namespace TcbPush.Server.Wire;

/// <summary>Whether a WeChat POST endpoint needs a body (<c>getcallbackconfig</c> takes none, or <c>{}</c>).</summary>
internal enum PostBody
{
    /// <summary>The body must be a JSON object: 44002 when empty, 47001 when not an object.</summary>
    Required,

    /// <summary>An empty body is accepted; any other body must be a JSON object (47001).</summary>
    Optional,
}
