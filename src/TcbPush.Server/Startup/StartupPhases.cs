using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace TcbPush.Server.Startup;

/// <summary>
/// Where start-up's time goes: the wall and CPU time of each phase from <see cref="TcbPushApp.StartAsync"/>'s first
/// line to ready, and what the process spent before it (runtime, command line, settings). <c>serve --log-level
/// Debug</c> logs them once ready, so a slow start on someone's machine can be split without a profiler.
/// </summary>
internal sealed class StartupPhases
{
    private readonly List<(string Phase, TimeSpan Wall, TimeSpan Cpu)> phases = [];
    private long lastWall = Stopwatch.GetTimestamp();
    private TimeSpan lastCpu = Environment.CpuUsage.TotalTime;
    private readonly TimeSpan cpuBefore;
    private readonly long first;

    public StartupPhases()
    {
        first = lastWall;
        cpuBefore = lastCpu;
    }

    /// <summary>Ends the phase running since the previous mark (or since construction) and names it.</summary>
    public void Mark(string phase)
    {
        var wall = Stopwatch.GetTimestamp();
        var cpu = Environment.CpuUsage.TotalTime;
        phases.Add((phase, Stopwatch.GetElapsedTime(lastWall, wall), cpu - lastCpu));
        lastWall = wall;
        lastCpu = cpu;
    }

    /// <summary>One line: the time before start-up (since the process started), then each phase, wall / CPU in ms.</summary>
    public string Summary()
    {
        static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
        var sinceProcessStart = SinceProcessStart() - Stopwatch.GetElapsedTime(first);
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"before start-up {Ms(sinceProcessStart)}/{Ms(cpuBefore)}");
        foreach (var (phase, wall, cpu) in phases)
        {
            text.Append(CultureInfo.InvariantCulture, $", {phase} {Ms(wall)}/{Ms(cpu)}");
        }
        return text.Append(CultureInfo.InvariantCulture, $"; ready {Ms(sinceProcessStart + Stopwatch.GetElapsedTime(first, lastWall))} ms " +
            $"after the process started, {Ms(lastCpu)} ms CPU").ToString();
    }

    /// <summary>
    /// On Linux from <c>/proc</c> (the process's start in clock ticks since boot against the uptime, ~10 ms);
    /// <see cref="Process.StartTime"/> there is derived from the boot time in whole seconds.
    /// </summary>
    private static TimeSpan SinceProcessStart()
    {
        if (OperatingSystem.IsLinux())
        {
            var uptime = double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], CultureInfo.InvariantCulture);
            // Field 22 of stat counts from 1; the name (field 2) may hold spaces, so count after its closing parenthesis.
            var fields = File.ReadAllText("/proc/self/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var startTicks = long.Parse(fields[19], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(uptime - startTicks / 100.0); // USER_HZ, 100 on Linux
        }
        using var process = Process.GetCurrentProcess();
        return DateTime.Now - process.StartTime;
    }
}
