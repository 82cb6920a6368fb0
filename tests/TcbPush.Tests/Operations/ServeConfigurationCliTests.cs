using TcbPush.Tests.Cli;

namespace TcbPush.Tests.Operations;

/// <summary>SPEC §12: <c>tcbpush serve</c> refuses a bad setting from any source with one line naming it, exit 1.</summary>
public sealed class ServeConfigurationCliTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("tcbpush-serve-config-").FullName;

    [Fact]
    public async Task A_bad_flag_value_is_one_line_and_exit_1()
    {
        var result = await CliRunner.RunAsync(["serve", "--data", data, "--urls", "http://127.0.0.1:0", "--claim-lease", "1s"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("tcbpush: Push:ClaimLease: '1s' must be longer than Push:DeliveryTimeout (5s)", result.Stderr.TrimEnd());
    }

    [Fact]
    public async Task A_bad_environment_variable_is_one_line_and_exit_1()
    {
        var result = await CliRunner.RunAsync(["serve", "--data", data, "--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string> { ["TCBPUSH__PUSH__RETRYSCHEDULE"] = "2m,1m" });

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("tcbpush: Push:RetrySchedule: '2m,1m' must be positive waits, each longer than the one before", result.Stderr.TrimEnd());
    }

    [Fact]
    public async Task A_bad_value_in_the_data_folders_appsettings_is_one_line_and_exit_1()
    {
        await File.WriteAllTextAsync(Path.Combine(data, "appsettings.json"), """{"Push": {"DeliveryTimeout": "40s"}}""");

        var result = await CliRunner.RunAsync(["serve", "--data", data, "--urls", "http://127.0.0.1:0"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("tcbpush: Push:ClaimLease: '30s' must be longer than Push:DeliveryTimeout (40s)", result.Stderr.TrimEnd());
    }

    [Fact]
    public async Task A_flag_overrides_the_file_it_would_otherwise_fail_on()
    {
        await File.WriteAllTextAsync(Path.Combine(data, "appsettings.json"), """{"Push": {"DeliveryTimeout": "40s"}}""");

        var result = await CliRunner.RunAsync(["serve", "--data", data, "--urls", "http://127.0.0.1:0", "--delivery-timeout", "50s", "--claim-lease", "40s"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("tcbpush: Push:ClaimLease: '40s' must be longer than Push:DeliveryTimeout (50s)", result.Stderr.TrimEnd());
    }

    public void Dispose() => Directory.Delete(data, recursive: true);
}
