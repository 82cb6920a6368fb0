using Microsoft.Extensions.DependencyInjection;
using TcbPush.Server.Hosting;

namespace TcbPush.Server.Push;

/// <summary>Wires the push router: ingress, routing, the delivery worker and its HTTP client.</summary>
internal static class PushRegistration
{
    public static IServiceCollection AddPush(this IServiceCollection services, TcbPushOptions options)
    {
        services.AddHttpClient(DeliverySender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
        services.AddSingleton(RetrySchedule.From(options.Push));
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<MessageRouter>();
        services.AddSingleton<PushInbox>();
        services.AddSingleton<DeliverySender>();
        services.AddSingleton<DeliveryReplayer>();
        services.AddSingleton<SimulatedMessages>();
        services.AddHostedService<DeliveryWorker>();
        return services;
    }
}
