namespace TcbPush.Server.Push;

/// <summary>Wakes this node's delivery worker; a storage backend shared by several nodes calls it when another node stored deliveries.</summary>
internal interface IDeliveryWakeup
{
    void Notify();
}
