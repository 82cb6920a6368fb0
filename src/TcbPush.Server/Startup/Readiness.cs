namespace TcbPush.Server.Startup;

/// <summary>Set once storage, seed and demo are in place; <c>/healthz</c> answers 200 only then.</summary>
internal sealed class Readiness
{
    public bool IsReady { get; private set; }

    /// <summary>When the server became ready, for <c>/admin/status</c>'s uptime.</summary>
    public DateTimeOffset ReadySince { get; private set; }

    public void MarkReady(DateTimeOffset now)
    {
        ReadySince = now;
        IsReady = true;
    }
}
