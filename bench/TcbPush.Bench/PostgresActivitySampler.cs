using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace TcbPush.Bench;

/// <summary>
/// What the PostgreSQL backends of a run wait on: <c>pg_stat_activity</c> read every 10 ms on a connection of its own
/// (its own row left out), each client backend counted under "state wait_event_type:wait_event" (a backend on the CPU
/// or between statements has no wait event: "active -" or "idle in transaction -"), plus the lock modes waited for in
/// <c>pg_locks</c>, and the CPU seconds the machine's processes spent meanwhile (from <c>/proc</c>: PostgreSQL's
/// processes, this process, the rest). <see cref="Report"/> gives the share of backend samples per line.
/// </summary>
internal sealed class PostgresActivitySampler : IAsyncDisposable
{
    private const string Activity =
        "SELECT a.state, COALESCE(a.wait_event_type, '-'), COALESCE(a.wait_event, '-'), " +
        "(SELECT string_agg(DISTINCT l.locktype || '/' || l.mode, ',') FROM pg_locks l WHERE l.pid = a.pid AND NOT l.granted) " +
        "FROM pg_stat_activity a WHERE a.backend_type = 'client backend' AND a.pid <> pg_backend_pid() AND a.datname = current_database() " +
        "AND a.query NOT LIKE 'LISTEN%'";

    private readonly Dictionary<string, long> counts = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private readonly (double Postgres, double Self, double All) cpuAtStart = Cpu();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private long samples;
    private long backendSamples;

    private PostgresActivitySampler(string connectionString) => loop = Task.Run(() => RunAsync(connectionString));

    public static PostgresActivitySampler Start(string connectionString) => new(connectionString);

    private async Task RunAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        while (!stop.IsCancellationRequested)
        {
            await using (var command = new NpgsqlCommand(Activity, connection))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    var line = $"{(reader.IsDBNull(0) ? "-" : reader.GetString(0))} {reader.GetString(1)}:{reader.GetString(2)}" +
                               (reader.IsDBNull(3) ? "" : $" (waits for {reader.GetString(3)})");
                    counts[line] = counts.GetValueOrDefault(line) + 1;
                    backendSamples++;
                }
            }
            samples++;
            await Task.WhenAny(Task.Delay(10, stop.Token));
        }
    }

    /// <summary>Stops sampling; returns the lines of the report, most frequent first.</summary>
    public async Task<IReadOnlyList<string>> StopAsync()
    {
        await stop.CancelAsync();
        await loop;
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpu = Cpu();
        var lines = new List<string>
        {
            $"  {samples} samples, {(double)backendSamples / Math.Max(1, samples):0.0} backends on average; CPU over {elapsed:0.0} s: " +
            $"PostgreSQL {(cpu.Postgres - cpuAtStart.Postgres) / elapsed:0.00} cores, bench process (servers + load) " +
            $"{(cpu.Self - cpuAtStart.Self) / elapsed:0.00}, whole machine {(cpu.All - cpuAtStart.All) / elapsed:0.00} of {Environment.ProcessorCount}",
        };
        lines.AddRange(counts.OrderByDescending(c => c.Value).Take(12)
            .Select(c => $"  {100.0 * c.Value / Math.Max(1, backendSamples),5:0.0} %  {c.Key}"));
        return lines;
    }

    /// <summary>CPU seconds so far: of processes named postgres, of this process, and of the whole machine (busy time in /proc/stat).</summary>
    private static (double Postgres, double Self, double All) Cpu()
    {
        const double Tick = 100.0; // USER_HZ
        double postgres = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                if (stat.Contains("(postgres)", StringComparison.Ordinal))
                {
                    postgres += ProcessTicks(stat) / Tick;
                }
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read.
            }
        }
        var self = ProcessTicks(File.ReadAllText("/proc/self/stat")) / Tick;
        var total = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var busy = total.Sum() - total[3] - total[4]; // all but idle and iowait
        return (postgres, self, busy / Tick);
    }

    /// <summary>utime + stime of a /proc/PID/stat line (fields 14 and 15, counted after the command's closing parenthesis).</summary>
    private static double ProcessTicks(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await StopAsync();
        }
        stop.Dispose();
    }
}
