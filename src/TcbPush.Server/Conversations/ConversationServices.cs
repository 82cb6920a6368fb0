using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TcbPush.Server.Push;

namespace TcbPush.Server.Conversations;

internal static class ConversationServices
{
    /// <summary>
    /// Registers replies and conversations: the reply-window rules, active replies and their caller check, passive
    /// replies (an answer listener and the ingress waiter of the push router), and the watchers' signal.
    /// </summary>
    public static IServiceCollection AddConversations(this IServiceCollection services, ConversationOptions options)
    {
        services.AddSingleton(Options.Create(options));
        services.AddSingleton<ReplyWindowPolicy>();
        services.AddSingleton<InboundEntries>();
        services.AddSingleton<ConversationSignal>();
        services.AddSingleton<IConversationWakeup>(provider => provider.GetRequiredService<ConversationSignal>());
        services.AddSingleton<ReplyMetrics>();
        services.AddSingleton<ActiveReplies>();
        services.AddSingleton<PassiveReplies>();
        services.AddSingleton<IDeliveryAnswerListener>(provider => provider.GetRequiredService<PassiveReplies>());
        services.AddSingleton<IPassiveReplyWaiter>(provider => provider.GetRequiredService<PassiveReplies>());
        return services;
    }
}
