using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TcbPush.Server.Push.Admin;
using TcbPush.Server.Push.Delivery;
using TcbPush.Server.Push.Ingress;

namespace TcbPush.Server.Push;

/// <summary>Wires the push router: ingress, routing, the delivery worker and its HTTP client.</summary>
internal static class PushServices
{
    public static IServiceCollection AddPush(this IServiceCollection services, PushOptions options)
    {
        services.AddSingleton(Options.Create(options));
        services.AddHttpClient(DeliverySender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
        services.AddSingleton(RetrySchedule.From(options));
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<IDeliveryWakeup>(provider => provider.GetRequiredService<DeliverySignal>());
        services.AddSingleton<MessageRouter>();
        services.AddSingleton<IngressMetrics>();
        services.AddSingleton<DeliveryMetrics>();
        services.AddSingleton<PushInbox>();
        services.AddSingleton<DeliverySender>();
        services.AddSingleton<TargetCircuits>();
        services.AddSingleton<DeliveryReplayer>();
        services.AddSingleton<SimulatedMessages>();
        services.AddHostedService<DeliveryWorker>();
        services.AddHostedService<RetentionSweeper>();
        return services;
    }
}
