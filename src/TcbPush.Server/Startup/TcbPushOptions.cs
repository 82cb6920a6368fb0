using Microsoft.Extensions.Logging;
using TcbPush.Server.Conversations;
using TcbPush.Server.Push;

namespace TcbPush.Server.Startup;

/// <summary>Everything <c>tcbpush serve</c> can be told, bound from flags and configuration.</summary>
public sealed class TcbPushOptions
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    public string Urls { get; set; } = DefaultUrls;
    public string DataDirectory { get; set; } = "./data";
    public string Storage { get; set; } = "sqlite";
    public string? ConnectionString { get; set; }
    public string? SeedFile { get; set; }
    public string? AdminKey { get; set; }

    /// <summary>Lifetime of every issued token, in seconds (WeChat: 7200).</summary>
    public int TokenTtlSeconds { get; set; } = 7200;

    public bool PathCheck { get; set; } = true;
    public bool Demo { get; set; }

    /// <summary>Keep everything in memory (SQLite only): no database, key or any other file is written.</summary>
    public bool InMemory { get; set; }

    /// <summary>Largest accepted request body, in bytes.</summary>
    public int BodyLimitBytes { get; set; } = 1024 * 1024;

    /// <summary>Calls per app per minute on the tcb endpoints before 45011; 0 turns the limit off.</summary>
    public int RateLimitPerMinute { get; set; }

    /// <summary>A request body must arrive whole within this time, else errcode -1 and the connection is closed.</summary>
    public TimeSpan BodyReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Requests handled at once; past them (and a short queue) new ones are shed with errcode -1.</summary>
    public int MaxConcurrentRequests { get; set; } = 1024;

    /// <summary>Requests waiting for a permit; kept short so that overload is answered at once, not after a long wait.</summary>
    public int MaxQueuedRequests { get; set; } = 64;

    /// <summary>Open connections from one remote address (loopback is not limited).</summary>
    public int MaxConnectionsPerAddress { get; set; } = 512;

    /// <summary>
    /// After this long with (almost) no allocation following a busy spell, one compacting collection gives the grown
    /// heap back to the system; zero turns it off.
    /// </summary>
    public TimeSpan IdleMemoryTrim { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Least severe log entries written (<c>--log-level</c>); <see cref="Quiet"/> raises it to Warning.</summary>
    public LogLevel LogLevel { get; set; } = LogLevel.Information;

    /// <summary><c>text</c> (one line per entry) or <c>json</c> (one JSON object per line).</summary>
    public string LogFormat { get; set; } = "text";

    /// <summary>Only warnings and errors, and no start-up banner beyond a generated admin key.</summary>
    public bool Quiet { get; set; }

    /// <summary>The push router's retry schedule, timeouts and concurrency.</summary>
    public PushOptions Push { get; set; } = new();

    /// <summary>Reply windows and the passive-reply window.</summary>
    public ConversationOptions Conversations { get; set; } = new();
}
