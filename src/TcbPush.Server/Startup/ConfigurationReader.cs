using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using TcbPush.Server.Conversations;

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

    /// <summary>A duration, or <c>off</c> (<see cref="TimeSpan.Zero"/>).</summary>
    public TimeSpan DurationOrOff(string key, TimeSpan fallback) =>
        string.Equals(Value(key), "off", StringComparison.OrdinalIgnoreCase) ? TimeSpan.Zero : Duration(key, fallback);

    /// <summary>
    /// Reply-window rules: each child of <paramref name="key"/> is a trigger (<c>message</c> or an event name) with
    /// <c>Quota</c> and <c>Lifetime</c>, which replace the default rule's (a trigger not among the defaults needs
    /// both), or the value <c>off</c>, which removes the trigger. Triggers not named keep their default rule.
    /// </summary>
    public IReadOnlyList<ReplyWindowRule> ReplyWindows(string key, IReadOnlyList<ReplyWindowRule> fallback)
    {
        var rules = fallback.ToList();
        foreach (var child in configuration.GetSection(key).GetChildren())
        {
            var at = rules.FindIndex(rule => string.Equals(rule.Trigger, child.Key, StringComparison.OrdinalIgnoreCase));
            var name = $"{key}:{child.Key}";
            if (string.Equals(child.Value?.Trim(), "off", StringComparison.OrdinalIgnoreCase))
            {
                if (at >= 0)
                {
                    rules.RemoveAt(at);
                }
                continue;
            }
            if (child.Value is not null && child.Value.Trim().Length > 0)
            {
                problems.Add($"{name}: '{child.Value.Trim()}' is not off; give {name}:Quota and {name}:Lifetime");
                continue;
            }
            var known = at >= 0 ? rules[at] : null;
            if (known is null && (Value(name + ":Quota") is null || Value(name + ":Lifetime") is null))
            {
                problems.Add($"{name}: a trigger without a default rule needs both Quota and Lifetime");
                continue;
            }
            var rule = new ReplyWindowRule(known?.Trigger ?? child.Key, Int(name + ":Quota", known?.Quota ?? 0), Duration(name + ":Lifetime", known?.Lifetime ?? TimeSpan.Zero));
            if (rule.Quota < 1)
            {
                problems.Add($"{name}:Quota: '{rule.Quota}' must be at least 1 (off removes the trigger)");
            }
            if (rule.Lifetime <= TimeSpan.Zero)
            {
                problems.Add($"{name}:Lifetime: '{Startup.Duration.Format(rule.Lifetime)}' must be positive (off removes the trigger)");
            }
            if (at >= 0)
            {
                rules[at] = rule;
            }
            else
            {
                rules.Add(rule);
            }
        }
        return rules;
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
