namespace TcbPush.Server.Wire;

/// <summary>
/// The last <see cref="Capacity"/> requests answered with errcode ≠ 0 on this node, in memory only (the console's
/// overview shows them with their rid, to find the matching log line). Fed by the request log.
/// </summary>
internal sealed class RecentErrors
{
    public const int Capacity = 50;
    private readonly Lock gate = new();
    private readonly Queue<RecentError> errors = new(Capacity);

    public void Add(RecentError error)
    {
        lock (gate)
        {
            if (errors.Count == Capacity)
            {
                errors.Dequeue();
            }
            errors.Enqueue(error);
        }
    }

    /// <summary>The newest first.</summary>
    public IReadOnlyList<RecentError> Newest(int count)
    {
        lock (gate)
        {
            return errors.Reverse().Take(count).ToList();
        }
    }
}
