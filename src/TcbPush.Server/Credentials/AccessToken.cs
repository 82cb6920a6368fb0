namespace TcbPush.Server.Credentials;

/// <summary>What a token string says once its signature has been checked.</summary>
internal sealed record AccessToken(TokenKind Kind, string Subject, long Generation, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>The app the token acts for: the subject itself, or the authorizer of an authorizer token.</summary>
    public string AppId => Kind == TokenKind.Authorizer ? Subject[(Subject.IndexOf('|', StringComparison.Ordinal) + 1)..] : Subject;

    /// <summary>The component of an authorizer or component token.</summary>
    public string? ComponentAppId => Kind switch
    {
        TokenKind.Authorizer => Subject[..Subject.IndexOf('|', StringComparison.Ordinal)],
        TokenKind.Component => Subject,
        _ => null,
    };
}
