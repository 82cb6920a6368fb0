using TcbPush.Protocol;

namespace TcbPush.Server.Credentials;

/// <summary>Whether an authorization lets its component call the tcb endpoints for the authorizer app.</summary>
internal interface IAuthorizerCheck
{
    /// <summary>Null when allowed; 61003 when the authorization is gone, 61007 without permission set 49 or 64.</summary>
    Task<WeChatError?> CheckTcbAccessAsync(string componentAppId, string authorizerAppId);
}
