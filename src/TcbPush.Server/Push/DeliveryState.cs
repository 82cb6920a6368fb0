namespace TcbPush.Server.Push;

/// <summary>
/// Where a claimed delivery goes after an attempt, as <c>Push.Delivery.DeliveryTransition</c> decided it and the store
/// persists it: its status, attempts so far, when it is due again (null when finished), and the last attempt's outcome.
/// </summary>
internal sealed record DeliveryState(string Status, int Attempts, DateTimeOffset? DueAt, int? LastStatus, string? LastError);
