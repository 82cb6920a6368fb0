namespace TcbPush.Protocol;

/// <summary>WeChat's error codes with their standard messages, as TcbPush answers them.</summary>
public static class ErrCode
{
    public const int Ok = 0;
    public const int SystemBusy = -1;
    public const int SystemError = -1000;
    public const int InvalidAppSecret = 40125;
    public const int InvalidCredential = 40001;
    public const int InvalidOpenId = 40003;
    public const int InvalidMessageType = 40008;
    public const int InvalidGrantType = 40002;
    public const int InvalidAppId = 40013;
    public const int InvalidAccessToken = 40014;
    public const int InvalidArgs = 40097;
    public const int MissingParameter = 40101;
    public const int AccessTokenMissing = 41001;
    public const int AppIdMissing = 41002;
    public const int AppSecretMissing = 41004;
    public const int ComponentAppIdMissing = 41018;
    public const int AccessTokenExpired = 42001;
    public const int RequirePost = 43002;
    public const int EmptyPostData = 44002;
    public const int ContentSizeOutOfLimit = 45002;
    public const int DailyLimit = 45009;
    public const int MinuteQuota = 45011;
    public const int ResponseOutOfTimeLimit = 45015;
    public const int OutOfResponseCountLimit = 45047;
    public const int DataFormatError = 47001;
    public const int ApiUnauthorized = 48001;
    public const int ComponentNotAuthorized = 61003;
    public const int ComponentTicketExpired = 61005;
    public const int ComponentTicketInvalid = 61006;
    public const int ApiUnauthorizedToComponent = 61007;
    public const int InvalidComponent = 61011;
    public const int InvalidRefreshToken = 61023;
    public const int InvalidAuthorizationCode = 61010;

    /// <summary>The standard errmsg for a code, without detail or rid.</summary>
    public static string Message(int code) => code switch
    {
        Ok => "ok",
        SystemBusy => "system error",
        SystemError => "system error",
        InvalidAppSecret => "invalid appsecret",
        InvalidCredential => "invalid credential, access_token is invalid or not latest",
        InvalidOpenId => "invalid openid",
        InvalidMessageType => "invalid message type",
        ContentSizeOutOfLimit => "content size out of limit",
        ResponseOutOfTimeLimit => "response out of time limit or subscription is canceled",
        OutOfResponseCountLimit => "out of response count limit",
        InvalidGrantType => "invalid grant_type",
        InvalidAppId => "invalid appid",
        InvalidAccessToken => "invalid access_token",
        InvalidArgs => "invalid args",
        MissingParameter => "missing parameter",
        AccessTokenMissing => "access_token missing",
        AppIdMissing => "appid missing",
        AppSecretMissing => "appsecret missing",
        ComponentAppIdMissing => "component_appid missing",
        AccessTokenExpired => "access_token expired",
        RequirePost => "require POST method",
        EmptyPostData => "empty post data",
        DailyLimit => "reach max api daily quota limit",
        MinuteQuota => "api minute-quota reach limit must slower retry next minute",
        DataFormatError => "data format error",
        ApiUnauthorized => "api unauthorized",
        ComponentNotAuthorized => "component is not authorized by this account",
        ComponentTicketExpired => "component ticket is expired",
        ComponentTicketInvalid => "component ticket is invalid",
        ApiUnauthorizedToComponent => "api is unauthorized to component",
        InvalidComponent => "invalid component",
        InvalidRefreshToken => "refresh_token is invalid",
        InvalidAuthorizationCode => "invalid authorization code",
        _ => "system error",
    };
}
