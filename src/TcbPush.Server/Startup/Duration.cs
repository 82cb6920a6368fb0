using System.Globalization;

namespace TcbPush.Server.Startup;

/// <summary>
/// Durations in configuration: <c>500ms</c>, <c>5s</c>, <c>2m</c>, <c>1h</c>, <c>1d</c>, a plain number of seconds,
/// or a .NET time span (<c>00:00:05</c>).
/// </summary>
internal static class Duration
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        text = text.Trim();
        value = default;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plainSeconds))
        {
            return TryFrom(plainSeconds, 1000, out value);
        }
        foreach (var (suffix, milliseconds) in Units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
            {
                return TryFrom(amount, milliseconds, out value);
            }
        }
        return text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The shortest of the suffixed forms that says exactly <paramref name="value"/>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }
        foreach (var (suffix, milliseconds) in Units.Reverse())
        {
            if (value.Ticks % (milliseconds * TimeSpan.TicksPerMillisecond) == 0)
            {
                return (value.Ticks / (milliseconds * TimeSpan.TicksPerMillisecond)).ToString(CultureInfo.InvariantCulture) + suffix;
            }
        }
        return value.ToString("c", CultureInfo.InvariantCulture);
    }

    // Longest suffix first, so "ms" is not read as minutes.
    private static readonly (string Suffix, long Milliseconds)[] Units =
        [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)];

    private static bool TryFrom(double amount, long milliseconds, out TimeSpan value)
    {
        value = default;
        var total = amount * milliseconds;
        if (double.IsNaN(total) || double.IsInfinity(total) || Math.Abs(total) > TimeSpan.MaxValue.TotalMilliseconds)
        {
            return false;
        }
        value = TimeSpan.FromMilliseconds(total);
        return true;
    }
}
