using TcbPush.Protocol;
using TcbPush.Server.Secrets;

namespace TcbPush.Server.Component;

/// <summary>The component's own checks of <c>api_component_token</c>, after the body's: 61011, 40125, 61006, 61005.</summary>
internal sealed class ComponentCredentialCheck(IComponentStore components, SecretDigest digest, TimeProvider time)
{
    public async Task<WeChatError?> CheckAsync(string componentAppId, string secret, string ticket)
    {
        if (await components.FindAsync(componentAppId) is not { } component)
        {
            return new WeChatError(ErrCode.InvalidComponent);
        }
        if (!SecretHash.Verify(component.SecretHash, secret))
        {
            return new WeChatError(ErrCode.InvalidAppSecret);
        }
        if (!digest.Matches(component.TicketDigest, ticket))
        {
            return new WeChatError(ErrCode.ComponentTicketInvalid);
        }
        return time.GetUtcNow() - component.TicketReceivedAt >= ComponentPolicy.TicketLifetime
            ? new WeChatError(ErrCode.ComponentTicketExpired)
            : null;
    }
}
