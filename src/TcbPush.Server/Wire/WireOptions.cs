namespace TcbPush.Server.Wire;

/// <summary>Limits of the WeChat envelope shared by every endpoint.</summary>
public sealed class WireOptions
{
    /// <summary>Largest accepted request body, in bytes (SPEC §2: 1 MiB).</summary>
    public int BodyLimitBytes { get; set; } = 1024 * 1024;
}
