namespace TcbPush.Server.Credentials;

/// <summary>How tokens are issued and how often an app may call the tcb endpoints.</summary>
public sealed class CredentialOptions
{
    /// <summary>Lifetime of every issued token, in seconds (WeChat: 7200).</summary>
    public int TokenTtlSeconds { get; set; } = 7200;

    /// <summary>Calls per app per minute on the tcb endpoints before 45011; 0 turns the limit off.</summary>
    public int RateLimitPerMinute { get; set; }
}
