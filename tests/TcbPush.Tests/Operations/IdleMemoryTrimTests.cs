using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TcbPush.Server.Startup;

namespace TcbPush.Tests.Operations;

/// <summary>
/// After a busy spell, a quiet period gives the grown heap back once (setting <c>IdleMemoryTrim</c>); a node that
/// stays busy, or whose heap did not grow, is not collected.
/// </summary>
public sealed class IdleMemoryTrimTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("tcbpush-trim-").FullName;
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(30);
    private const long AtStart = 8 * 1024 * 1024;
    private readonly FakeTimeProvider time = new();
    private long allocated;
    private long committed = AtStart;
    private int trims;

    private async Task<IdleMemoryTrim> StartAsync(TimeSpan period)
    {
        var trim = new IdleMemoryTrim(period, time, NullLogger<IdleMemoryTrim>.Instance, () => allocated, () => committed, () =>
        {
            trims++;
            committed = AtStart;
        });
        await trim.StartAsync(CancellationToken.None);
        return trim;
    }

    /// <summary>A period of load: much allocated, and the heap grown.</summary>
    private void Busy()
    {
        allocated += 100 * IdleMemoryTrim.QuietBytes;
        committed = AtStart + 4 * IdleMemoryTrim.GrownBytes;
        time.Advance(Period);
    }

    [Fact]
    public async Task A_quiet_period_after_a_busy_one_trims_once()
    {
        using var trim = await StartAsync(Period);
        Busy();
        time.Advance(Period); // quiet: trim
        time.Advance(Period); // still quiet: nothing new to give back

        Assert.Equal(1, trims);
    }

    [Fact]
    public async Task A_node_that_stays_busy_is_not_trimmed()
    {
        using var trim = await StartAsync(Period);
        for (var i = 0; i < 10; i++)
        {
            Busy();
        }

        Assert.Equal(0, trims);
    }

    [Fact]
    public async Task A_node_whose_heap_did_not_grow_is_not_trimmed()
    {
        using var trim = await StartAsync(Period);
        for (var i = 0; i < 10; i++)
        {
            allocated += IdleMemoryTrim.QuietBytes / 2;
            committed = AtStart + IdleMemoryTrim.GrownBytes / 2;
            time.Advance(Period);
        }

        Assert.Equal(0, trims);
    }

    [Fact]
    public async Task Each_busy_spell_is_followed_by_its_own_trim()
    {
        using var trim = await StartAsync(Period);
        Busy();
        time.Advance(Period);
        Busy();
        time.Advance(Period);

        Assert.Equal(2, trims);
    }

    [Fact]
    public async Task Zero_turns_trimming_off()
    {
        using var trim = await StartAsync(TimeSpan.Zero);
        Busy();
        time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(0, trims);
    }

    [Fact]
    public void The_setting_defaults_to_ten_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), Read([]).IdleMemoryTrim);
    }

    [Theory]
    [InlineData("off")]
    [InlineData("0")]
    public void The_setting_off_or_zero_keeps_the_heap(string value)
    {
        Assert.Equal(TimeSpan.Zero, Read(new() { ["TCBPUSH__IDLEMEMORYTRIM"] = value }).IdleMemoryTrim);
    }

    [Fact]
    public void A_negative_setting_is_one_line_naming_the_key()
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => Read(new() { ["TCBPUSH__IDLEMEMORYTRIM"] = "-5s" }));

        Assert.Equal(["IdleMemoryTrim: '-5s' must be positive, or 0 or off to keep the heap"], error.Problems);
    }

    public void Dispose()
    {
        Directory.Delete(folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private TcbPushOptions Read(Dictionary<string, string> environment) =>
        TcbPushSettings.Read(TcbPushSettings.Build(new Dictionary<string, string?>(), folder, environment));
}
