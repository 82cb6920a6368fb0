using Microsoft.Extensions.Configuration;
using TcbPush.Server.Conversations;
using TcbPush.Server.Push;

namespace TcbPush.Server.Startup;

/// <summary>
/// The server's settings as configuration keys (SPEC §12): every setting has one name, read from
/// <c>appsettings.json</c> (beside the executable, in the working folder, then in the data folder), then environment
/// variables <c>TCBPUSH__KEY</c> / <c>TCBPUSH__SECTION__KEY</c>, then <c>serve</c> flags; later ones win.
/// </summary>
public static class TcbPushSettings
{
    public const string EnvironmentPrefix = "TCBPUSH__";
    public const string FileName = "appsettings.json";

    /// <summary>
    /// Layers the sources; <paramref name="flags"/> are the keys set by <c>serve</c> flags. The data folder's file is
    /// found from the data folder the other layers name. <paramref name="environment"/> replaces the process's
    /// environment variables (tests).
    /// </summary>
    public static IConfigurationRoot Build(IReadOnlyDictionary<string, string?> flags, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        workingDirectory ??= Directory.GetCurrentDirectory();
        var withoutDataFile = Layers(flags, workingDirectory, dataDirectory: null, environment).Build();
        var data = withoutDataFile[Keys.Data];
        if (string.IsNullOrWhiteSpace(data))
        {
            return withoutDataFile;
        }
        return Layers(flags, workingDirectory, Path.GetFullPath(data.Trim(), workingDirectory), environment).Build();
    }

    /// <summary>Reads and validates the settings; every problem found is one line of the exception thrown.</summary>
    public static TcbPushOptions Read(IConfiguration configuration)
    {
        var problems = new List<string>();
        var read = new ConfigurationReader(configuration, problems);
        var defaults = new TcbPushOptions();
        var push = new PushOptions();
        var options = new TcbPushOptions
        {
            Urls = read.String(Keys.Urls, defaults.Urls),
            DataDirectory = read.String(Keys.Data, defaults.DataDirectory),
            Storage = read.String(Keys.Storage, defaults.Storage).ToLowerInvariant(),
            ConnectionString = read.OptionalString(Keys.Connection),
            AdminKey = read.OptionalString(Keys.AdminKey),
            SeedFile = read.OptionalString(Keys.Seed),
            Demo = read.Bool(Keys.Demo, defaults.Demo),
            InMemory = read.Bool(Keys.InMemory, defaults.InMemory),
            TokenTtlSeconds = read.Int(Keys.TokenTtl, defaults.TokenTtlSeconds),
            PathCheck = read.Bool(Keys.PathCheck, defaults.PathCheck),
            BodyLimitBytes = read.Int(Keys.BodyLimit, defaults.BodyLimitBytes),
            RateLimitPerMinute = read.Int(Keys.RateLimitPerMinute, defaults.RateLimitPerMinute),
            MaxConcurrentRequests = read.Int(Keys.MaxConcurrentRequests, defaults.MaxConcurrentRequests),
            MaxQueuedRequests = read.Int(Keys.MaxQueuedRequests, defaults.MaxQueuedRequests),
            MaxConnectionsPerAddress = read.Int(Keys.MaxConnectionsPerAddress, defaults.MaxConnectionsPerAddress),
            BodyReadTimeout = read.Duration(Keys.BodyReadTimeout, defaults.BodyReadTimeout),
            IdleMemoryTrim = read.DurationOrOff(Keys.IdleMemoryTrim, defaults.IdleMemoryTrim),
            LogLevel = read.LogLevel(Keys.LogLevel, defaults.LogLevel),
            LogFormat = read.String(Keys.LogFormat, defaults.LogFormat).ToLowerInvariant(),
            Quiet = read.Bool(Keys.Quiet, defaults.Quiet),
            Push = new PushOptions
            {
                RetrySchedule = read.Durations(Keys.RetrySchedule, push.RetrySchedule),
                RetryJitter = read.Double(Keys.RetryJitter, push.RetryJitter),
                DeliveryTimeout = read.Duration(Keys.DeliveryTimeout, push.DeliveryTimeout),
                ClaimLease = read.Duration(Keys.ClaimLease, push.ClaimLease),
                MaxConcurrentDeliveries = read.Int(Keys.MaxConcurrentDeliveries, push.MaxConcurrentDeliveries),
                MaxConcurrentPerTarget = read.Int(Keys.MaxConcurrentPerTarget, push.MaxConcurrentPerTarget),
                DedupeWindow = read.Duration(Keys.DedupeWindow, push.DedupeWindow),
                Retention = read.DurationOrOff(Keys.Retention, push.Retention),
                CircuitFailures = read.Int(Keys.CircuitFailures, push.CircuitFailures),
                CircuitCooldown = read.Duration(Keys.CircuitCooldown, push.CircuitCooldown),
            },
            Conversations = new ConversationOptions
            {
                PassiveReplyWindow = read.Duration(Keys.PassiveReplyWindow, new ConversationOptions().PassiveReplyWindow),
                ReplyWindows = read.ReplyWindows(Keys.ReplyWindows, new ConversationOptions().ReplyWindows),
            },
        };
        if (problems.Count == 0)
        {
            problems.AddRange(TcbPushOptionsValidator.Validate(options));
        }
        return problems.Count == 0 ? options : throw new InvalidConfigurationException(problems);
    }

    private static ConfigurationBuilder Layers(IReadOnlyDictionary<string, string?> flags, string workingDirectory, string? dataDirectory,
        IReadOnlyDictionary<string, string>? environment)
    {
        var builder = new ConfigurationBuilder();
        var folders = new[] { AppContext.BaseDirectory, workingDirectory, dataDirectory }
            .OfType<string>()
            .Select(folder => Path.GetFullPath(folder))
            .Distinct(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            builder.AddJsonFile(Path.Combine(folder, FileName), optional: true, reloadOnChange: false);
        }
        if (environment is null)
        {
            builder.AddEnvironmentVariables(EnvironmentPrefix);
        }
        else
        {
            builder.AddInMemoryCollection(environment
                .Where(variable => variable.Key.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
                .Select(variable => KeyValuePair.Create(variable.Key[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal), (string?)variable.Value)));
        }
        builder.AddInMemoryCollection(flags);
        return builder;
    }

    /// <summary>The configuration keys, one per setting; in environment variables <c>:</c> is written <c>__</c>.</summary>
    public static class Keys
    {
        public const string Urls = "Urls";
        public const string Data = "Data";
        public const string Storage = "Storage";
        public const string Connection = "Connection";
        public const string AdminKey = "AdminKey";
        public const string Seed = "Seed";
        public const string Demo = "Demo";
        public const string InMemory = "InMemory";
        public const string TokenTtl = "TokenTtl";
        public const string PathCheck = "PathCheck";
        public const string BodyLimit = "BodyLimit";
        public const string RateLimitPerMinute = "RateLimitPerMinute";
        public const string MaxConcurrentRequests = "MaxConcurrentRequests";
        public const string MaxQueuedRequests = "MaxQueuedRequests";
        public const string MaxConnectionsPerAddress = "MaxConnectionsPerAddress";
        public const string BodyReadTimeout = "BodyReadTimeout";
        public const string IdleMemoryTrim = "IdleMemoryTrim";
        public const string PassiveReplyWindow = "Conversations:PassiveReplyWindow";
        public const string ReplyWindows = "Conversations:ReplyWindows";
        public const string LogLevel = "Log:Level";
        public const string LogFormat = "Log:Format";
        public const string Quiet = "Log:Quiet";
        public const string RetrySchedule = "Push:RetrySchedule";
        public const string RetryJitter = "Push:RetryJitter";
        public const string DeliveryTimeout = "Push:DeliveryTimeout";
        public const string ClaimLease = "Push:ClaimLease";
        public const string MaxConcurrentDeliveries = "Push:MaxConcurrentDeliveries";
        public const string MaxConcurrentPerTarget = "Push:MaxConcurrentPerTarget";
        public const string DedupeWindow = "Push:DedupeWindow";
        public const string Retention = "Push:Retention";
        public const string CircuitFailures = "Push:CircuitFailures";
        public const string CircuitCooldown = "Push:CircuitCooldown";
    }
}
