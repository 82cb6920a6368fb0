using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace TcbPush.Server.Startup;

/// <summary>
/// Reads typed settings from <see cref="IConfiguration"/>, falling back to the default when a key is absent and
/// collecting one line per unreadable value (naming the key and the value) instead of throwing.
/// </summary>
internal sealed class ConfigurationReader(IConfiguration configuration, List<string> problems)
{
    public string String(string key, string fallback) => Value(key) ?? fallback;

    public string? OptionalString(string key) => Value(key);

    public int Int(string key, int fallback)
    {
        var text = Value(key);
        if (text is null)
        {
            return fallback;
        }
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        problems.Add($"{key}: '{text}' is not a whole number");
        return fallback;
    }

    public double Double(string key, double fallback)
    {
        var text = Value(key);
        if (text is null)
        {
            return fallback;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }
        problems.Add($"{key}: '{text}' is not a number");
        return fallback;
    }

    public bool Bool(string key, bool fallback)
    {
        var text = Value(key);
        if (text is null)
        {
            return fallback;
        }
        if (bool.TryParse(text, out var value))
        {
            return value;
        }
        problems.Add($"{key}: '{text}' is not true or false");
        return fallback;
    }

    public TimeSpan Duration(string key, TimeSpan fallback)
    {
        var text = Value(key);
        if (text is null)
        {
            return fallback;
        }
        if (Startup.Duration.TryParse(text, out var value))
        {
            return value;
        }
        problems.Add($"{key}: '{text}' is not a duration (500ms, 5s, 2m, 1h, 1d, or seconds)");
        return fallback;
    }

    /// <summary>A comma-separated list (<c>5s,30s,2m</c>) or, in JSON, an array of durations.</summary>
    public IReadOnlyList<TimeSpan> Durations(string key, IReadOnlyList<TimeSpan> fallback)
    {
        var section = configuration.GetSection(key);
        var items = section.Value is { } joined
            ? joined.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : section.GetChildren()
                .OrderBy(child => int.TryParse(child.Key, CultureInfo.InvariantCulture, out var index) ? index : int.MaxValue)
                .Select(child => child.Value ?? "")
                .ToArray();
        if (section.Value is null && items.Length == 0)
        {
            return fallback;
        }
        var values = new List<TimeSpan>();
        foreach (var item in items)
        {
            if (!Startup.Duration.TryParse(item, out var value))
            {
                problems.Add($"{key}: '{item}' is not a duration (500ms, 5s, 2m, 1h, 1d, or seconds)");
                return fallback;
            }
            values.Add(value);
        }
        return values;
    }

    public LogLevel LogLevel(string key, LogLevel fallback)
    {
        var text = Value(key);
        if (text is null)
        {
            return fallback;
        }
        if (Enum.TryParse<LogLevel>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, CultureInfo.InvariantCulture, out _))
        {
            return value;
        }
        problems.Add($"{key}: '{text}' is not a log level (Trace, Debug, Information, Warning, Error, Critical, None)");
        return fallback;
    }

    private string? Value(string key)
    {
        var text = configuration[key];
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}
