namespace TcbPush.Server.Component;

internal interface IComponentStore
{
    Task<ComponentRecord?> FindAsync(string componentAppId);

    Task<IReadOnlyList<ComponentRecord>> ListAsync();

    /// <summary>
    /// Creates or replaces the component. Its ticket's receipt time is always updated; returns true when the secret
    /// or the ticket changed.
    /// </summary>
    Task<bool> UpsertAsync(ComponentRecord component);

    /// <summary>Records a newly received verify ticket; false when the component is unknown.</summary>
    Task<bool> ReceiveTicketAsync(string componentAppId, byte[] ticketDigest, DateTimeOffset receivedAt);
}
