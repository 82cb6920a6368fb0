namespace TcbPush.Server.Wire;

/// <summary>Limits of the WeChat envelope shared by every endpoint.</summary>
public sealed class WireOptions
{
    /// <summary>Largest accepted request body, in bytes (SPEC §2: 1 MiB).</summary>
    public int BodyLimitBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// A request body must arrive whole within this time (WeChat itself gives up on a push after 5 s), so that slow
    /// senders cannot hold connections and memory for long.
    /// </summary>
    public TimeSpan BodyReadTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
