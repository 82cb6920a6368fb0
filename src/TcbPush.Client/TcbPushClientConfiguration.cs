using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace TcbPush.Client;

/// <summary>
/// Reads <see cref="TcbPushClientOptions"/> from a configuration section (keys <c>Server</c>, <c>AppId</c>,
/// <c>Secret</c>, <c>AdminKey</c>, <c>UseStableToken</c>, <c>MaxRetries</c>, <c>RetryDelay</c>,
/// <c>TokenRefreshMargin</c>) and, for the keys the section leaves unset, from the variables the <c>tcbpush</c> CLI
/// reads (<c>TCBPUSH_SERVER</c>, <c>TCBPUSH_APPID</c>, <c>TCBPUSH_SECRET</c>, <c>TCBPUSH_ADMIN_KEY</c>) when an
/// environment is given. No reflection: the binding survives trimming.
/// </summary>
internal static class TcbPushClientConfiguration
{
    public static readonly IReadOnlyDictionary<string, string> Variables = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Server"] = "TCBPUSH_SERVER",
        ["AppId"] = "TCBPUSH_APPID",
        ["Secret"] = "TCBPUSH_SECRET",
        ["AdminKey"] = "TCBPUSH_ADMIN_KEY",
    };

    /// <summary>Sets every option the section (or, failing it, the environment) gives; leaves the others as they are.</summary>
    /// <exception cref="InvalidOperationException">A value that cannot be read, named by its configuration path.</exception>
    public static void Bind(TcbPushClientOptions options, IConfiguration section, Func<string, string?>? environment)
    {
        string? Value(string key)
        {
            var value = section[key];
            if (string.IsNullOrEmpty(value) && environment is not null && Variables.TryGetValue(key, out var variable))
            {
                value = environment(variable);
            }
            return string.IsNullOrEmpty(value) ? null : value;
        }

        if (Value("Server") is { } server)
        {
            options.BaseAddress = Uri.TryCreate(server, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                ? uri
                : throw Invalid(section, "Server", "an absolute http:// or https:// URL");
        }
        options.AppId = Value("AppId") ?? options.AppId;
        options.AppSecret = Value("Secret") ?? options.AppSecret;
        options.AdminKey = Value("AdminKey") ?? options.AdminKey;
        if (Value("UseStableToken") is { } stable)
        {
            options.UseStableToken = bool.TryParse(stable, out var flag) ? flag : throw Invalid(section, "UseStableToken", "true or false");
        }
        if (Value("MaxRetries") is { } retries)
        {
            options.MaxRetries = int.TryParse(retries, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                ? count
                : throw Invalid(section, "MaxRetries", "a whole number from 0");
        }
        if (Value("RetryDelay") is { } delay)
        {
            options.RetryDelay = Duration(section, "RetryDelay", delay);
        }
        if (Value("TokenRefreshMargin") is { } margin)
        {
            options.TokenRefreshMargin = Duration(section, "TokenRefreshMargin", margin);
        }
    }

    private static TimeSpan Duration(IConfiguration section, string key, string text) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var duration) && duration >= TimeSpan.Zero
            ? duration
            : throw Invalid(section, key, "a duration such as 00:00:00.500");

    private static InvalidOperationException Invalid(IConfiguration section, string key, string expected) =>
        new($"{(section is IConfigurationSection { Path: { Length: > 0 } path } ? path + ":" : "")}{key} must be {expected}; the value given is not.");
}
