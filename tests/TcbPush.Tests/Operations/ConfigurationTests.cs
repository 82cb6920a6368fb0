using TcbPush.Server.Startup;

namespace TcbPush.Tests.Operations;

/// <summary>SPEC §12 configuration: appsettings.json, then TCBPUSH__ variables, then flags; validated at start.</summary>
public sealed class ConfigurationTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("tcbpush-config-").FullName;

    private static readonly Dictionary<string, string?> NoFlags = [];
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public void Nothing_set_gives_the_documented_defaults()
    {
        var options = TcbPushSettings.Read(TcbPushSettings.Build(NoFlags, folder, NoEnvironment));

        Assert.Equal("http://127.0.0.1:8080", options.Urls);
        Assert.Equal("./data", options.DataDirectory);
        Assert.Equal("sqlite", options.Storage);
        Assert.Equal(7200, options.TokenTtlSeconds);
        Assert.True(options.PathCheck);
        Assert.Equal(1024 * 1024, options.BodyLimitBytes);
        Assert.Equal(0, options.RateLimitPerMinute);
        Assert.Equal(1024, options.MaxConcurrentRequests);
        Assert.Equal("5s,30s,2m,10m,30m,1h,2h,4h", string.Join(',', options.Push.RetrySchedule.Select(Duration.Format)));
        Assert.Equal(0.2, options.Push.RetryJitter);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Push.DeliveryTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Push.ClaimLease);
        Assert.Equal(64, options.Push.MaxConcurrentDeliveries);
        Assert.Equal(16, options.Push.MaxConcurrentPerTarget);
        Assert.Equal(TimeSpan.FromHours(24), options.Push.DedupeWindow);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Information, options.LogLevel);
        Assert.Equal("text", options.LogFormat);
        Assert.False(options.Quiet);
    }

    [Fact]
    public void Flags_win_over_variables_which_win_over_the_file()
    {
        File.WriteAllText(Path.Combine(folder, "appsettings.json"),
            """{"RateLimitPerMinute": 1, "TokenTtl": 60, "BodyLimit": 2048, "Push": {"RetrySchedule": ["1s", "2s"], "DeliveryTimeout": "2s"}}""");
        var environment = new Dictionary<string, string> { ["TCBPUSH__RATELIMITPERMINUTE"] = "2", ["TCBPUSH__TOKENTTL"] = "120", ["OTHER__TOKENTTL"] = "9" };
        var flags = new Dictionary<string, string?> { ["RateLimitPerMinute"] = "3" };

        var options = TcbPushSettings.Read(TcbPushSettings.Build(flags, folder, environment));

        Assert.Equal(3, options.RateLimitPerMinute);
        Assert.Equal(120, options.TokenTtlSeconds);
        Assert.Equal(2048, options.BodyLimitBytes);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], options.Push.RetrySchedule);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Push.DeliveryTimeout);
    }

    [Fact]
    public void The_README_example_file_is_read_as_documented()
    {
        File.WriteAllText(Path.Combine(folder, "appsettings.json"),
            """{ "RateLimitPerMinute": 60, "Push": { "RetrySchedule": "2s,10s,30s", "DeliveryTimeout": "3s", "ClaimLease": "15s" } }""");

        var options = TcbPushSettings.Read(TcbPushSettings.Build(NoFlags, folder, NoEnvironment));

        Assert.Equal(60, options.RateLimitPerMinute);
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)], options.Push.RetrySchedule);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Push.DeliveryTimeout);
        Assert.Equal(TimeSpan.FromSeconds(15), options.Push.ClaimLease);
    }

    [Fact]
    public void The_data_folder_file_wins_over_the_working_folder_file()
    {
        var data = Directory.CreateDirectory(Path.Combine(folder, "state")).FullName;
        File.WriteAllText(Path.Combine(folder, "appsettings.json"), """{"Data": "state", "RateLimitPerMinute": 1, "TokenTtl": 60}""");
        File.WriteAllText(Path.Combine(data, "appsettings.json"), """{"RateLimitPerMinute": 5}""");

        var options = TcbPushSettings.Read(TcbPushSettings.Build(NoFlags, folder, NoEnvironment));

        Assert.Equal(5, options.RateLimitPerMinute);
        Assert.Equal(60, options.TokenTtlSeconds);
    }

    [Fact]
    public void Retry_schedule_reads_a_comma_separated_list_of_durations()
    {
        var environment = new Dictionary<string, string> { ["TCBPUSH__PUSH__RETRYSCHEDULE"] = "500ms, 2s,1m, 1h" };

        var options = TcbPushSettings.Read(TcbPushSettings.Build(NoFlags, folder, environment));

        Assert.Equal([TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1), TimeSpan.FromHours(1)],
            options.Push.RetrySchedule);
    }

    [Theory]
    [InlineData("Push:ClaimLease", "3s", "Push:ClaimLease: '3s' must be longer than Push:DeliveryTimeout (5s)")]
    [InlineData("Push:RetrySchedule", "30s,5s", "Push:RetrySchedule: '30s,5s' must be positive waits, each longer than the one before")]
    [InlineData("Push:RetrySchedule", "0s", "Push:RetrySchedule: '0s' must be positive waits, each longer than the one before")]
    [InlineData("Push:DeliveryTimeout", "soon", "Push:DeliveryTimeout: 'soon' is not a duration (500ms, 5s, 2m, 1h, 1d, or seconds)")]
    [InlineData("Push:MaxConcurrentDeliveries", "0", "Push:MaxConcurrentDeliveries: '0' must be at least 1")]
    [InlineData("Push:RetryJitter", "1.5", "Push:RetryJitter: '1.5' must be at least 0 and below 1")]
    [InlineData("TokenTtl", "0", "TokenTtl: '0' must be at least 1")]
    [InlineData("BodyLimit", "1MB", "BodyLimit: '1MB' is not a whole number")]
    [InlineData("RateLimitPerMinute", "-1", "RateLimitPerMinute: '-1' must be at least 0")]
    [InlineData("Storage", "mysql", "Storage: 'mysql' is not sqlite or postgres")]
    [InlineData("Urls", "ftp://127.0.0.1", "Urls: 'ftp://127.0.0.1' is not an http or https URL")]
    [InlineData("Log:Level", "loud", "Log:Level: 'loud' is not a log level (Trace, Debug, Information, Warning, Error, Critical, None)")]
    [InlineData("Log:Format", "xml", "Log:Format: 'xml' is not text or json")]
    [InlineData("PathCheck", "maybe", "PathCheck: 'maybe' is not true or false")]
    public void A_bad_value_is_one_line_naming_it(string key, string value, string problem)
    {
        var flags = new Dictionary<string, string?> { [key] = value };

        var error = Assert.Throws<InvalidConfigurationException>(() => TcbPushSettings.Read(TcbPushSettings.Build(flags, folder, NoEnvironment)));

        Assert.Equal([problem], error.Problems);
    }

    [Fact]
    public void Every_bad_value_is_reported_not_only_the_first()
    {
        var flags = new Dictionary<string, string?> { ["TokenTtl"] = "0", ["Storage"] = "mysql" };

        var error = Assert.Throws<InvalidConfigurationException>(() => TcbPushSettings.Read(TcbPushSettings.Build(flags, folder, NoEnvironment)));

        Assert.Equal(2, error.Problems.Count);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
