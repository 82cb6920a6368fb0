namespace TcbPush.Server.Push;

/// <summary>The push router's inbox and delivery log.</summary>
internal interface IPushStore
{
    /// <summary>
    /// In one transaction: records the message's identity for dedupe until <paramref name="dedupeUntil"/>, stores the
    /// message and its delivery along <paramref name="route"/>. A message whose identity is already recorded and not
    /// expired is a duplicate, and nothing is stored.
    /// </summary>
    Task<AcceptedMessage> AcceptAsync(InboundMessage message, DeliveryRoute route, DateTimeOffset now, DateTimeOffset dedupeUntil);

    /// <summary>
    /// Claims due deliveries (pending, or delivering with an expired lease), oldest due first, taking for each target
    /// no more than its free slots; the cost grows with the number of targets with work, not with the backlog.
    /// </summary>
    Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(DeliveryClaim claim);

    /// <summary>The earliest time after <paramref name="now"/> at which a pending or leased delivery falls due.</summary>
    Task<DateTimeOffset?> NextDueAfterAsync(DateTimeOffset now);

    /// <summary>Logs attempts of claimed deliveries and moves each on to its next state, all in one transaction.</summary>
    Task RecordAsync(IReadOnlyList<RecordedAttempt> attempts);

    /// <summary>
    /// Makes the pending deliveries to <paramref name="targetUrl"/> due no earlier than <paramref name="until"/>, with
    /// <paramref name="note"/> as their last error (a target's circuit opened); returns how many.
    /// </summary>
    Task<int> PostponeAsync(string targetUrl, DateTimeOffset until, string note, DateTimeOffset now);

    /// <summary>Hands claimed deliveries back, due at once (a graceful stop with attempts unfinished).</summary>
    Task ReleaseAsync(IReadOnlyCollection<long> deliveryIds, DateTimeOffset now);

    Task<IReadOnlyList<DeliveryRecord>> ListAsync(DeliveryQuery query);

    /// <summary>The deliveries of those ids that exist.</summary>
    Task<IReadOnlyList<DeliveryRecord>> FindAsync(IReadOnlyCollection<long> deliveryIds);

    Task<IReadOnlyList<DeliveryAttempt>> AttemptsAsync(long deliveryId);

    /// <summary>Creates the replays in one transaction; returns their new ids, in order.</summary>
    Task<IReadOnlyList<long>> ReplayAsync(IReadOnlyList<DeliveryReplay> replays, DateTimeOffset now);

    /// <summary>Forgets dedupe identities that expired; returns how many.</summary>
    Task<int> PruneDedupeAsync(DateTimeOffset now);

    /// <summary>
    /// Deletes, in one transaction, up to <paramref name="batchSize"/> finished deliveries (delivered, dead, unrouted)
    /// last changed before <paramref name="before"/> with their attempts (never one that is pending or delivering, nor
    /// one whose replay is still kept), up to as many messages received before it that no delivery refers to any more,
    /// and up to as many conversation entries written before it (SPEC §12 retention).
    /// </summary>
    Task<RetentionSweep> PruneFinishedAsync(DateTimeOffset before, int batchSize);

    /// <summary>How many deliveries are in each status (statuses with none are absent).</summary>
    Task<IReadOnlyDictionary<string, long>> CountByStatusAsync();

    /// <summary>
    /// Deletes every message, delivery, attempt and dedupe identity, and every conversation (entries and reply windows),
    /// in one transaction (<c>POST /admin/reset</c>).
    /// </summary>
    Task<PushReset> ResetAsync();
}
