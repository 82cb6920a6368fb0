using TcbPush.Protocol;
using TcbPush.Protocol.Messages;
using TcbPush.Server.Apps;
using TcbPush.Server.CallbackConfig;

namespace TcbPush.Server.Push.Ingress;

/// <summary>
/// SPEC §6.2, one destination per message, from the configuration in force now: the container when container push
/// is on; else the function of the enabled callback matching (MsgType, Event) exactly; else unrouted, with the reason.
/// Targets are always under a registered environment's base URL.
/// </summary>
internal sealed class MessageRouter(ICallbackConfigStore configs, IEnvironmentStore environments)
{
    public async Task<DeliveryRoute> RouteAsync(string appId, string msgType, string @event)
    {
        var config = (await configs.GetAsync(appId)).Config;
        if (config.ContainerConfig is { Enable: true } container)
        {
            return await environments.FindAsync(container.QbaseEnv) is { } env
                ? new DeliveryRoute(DeliveryRoute.Container, env.ContainerBaseUrl + container.QbaseContainerPath, env.Env,
                    container.TextMode == ContainerConfig.Xml ? MessageFormat.Xml : MessageFormat.Json, null)
                : DeliveryRoute.Unrouted($"container env '{container.QbaseEnv}' is not registered");
        }
        if (!config.FunctionConfig.Enable)
        {
            return DeliveryRoute.Unrouted("neither container push nor function push is enabled");
        }
        if (config.FunctionConfig.Callbacks.FirstOrDefault(c => c.Enable && c.MsgType == msgType && c.Event == @event) is not { } callback)
        {
            return DeliveryRoute.Unrouted($"no enabled callback for msgType '{msgType}' event '{@event}'");
        }
        return await environments.FindAsync(callback.Env) is { } functionEnv
            ? new DeliveryRoute(DeliveryRoute.Function, functionEnv.FunctionBaseUrl + "/" + callback.FunctionName, functionEnv.Env,
                MessageFormat.Json, null)
            : DeliveryRoute.Unrouted($"function env '{callback.Env}' is not registered");
    }
}
