using System.CommandLine;
using System.Globalization;
using TcbPush.Server.Startup;
using Keys = TcbPush.Server.Startup.TcbPushSettings.Keys;

namespace TcbPush.Cli;

/// <summary>
/// <c>tcbpush serve</c>: hosts the server until Ctrl+C or SIGTERM. Each flag sets one configuration key and wins over
/// <c>TCBPUSH__*</c> variables and <c>appsettings.json</c>; a flag not given leaves the key to them (SPEC §12).
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the TcbPush server");
        var flags = new List<(Option Option, string Key, Func<ParseResult, string?> Value)>();
        Option<T> Flag<T>(string name, string key, string description, Func<T, string?>? value = null)
        {
            var option = new Option<T>(name) { Description = description };
            command.Options.Add(option);
            flags.Add((option, key, parse => parse.GetValue(option) is not { } given ? null
                : value is null ? Convert.ToString(given, CultureInfo.InvariantCulture) : value(given)));
            return option;
        }

        Flag<string>("--urls", Keys.Urls, $"Address to listen on [default: {TcbPushOptions.DefaultUrls}]");
        Flag<string>("--data", Keys.Data, "Data folder (SQLite database, keys, appsettings.json) [default: ./data]");
        Flag<string>("--storage", Keys.Storage, "Storage backend: sqlite or postgres [default: sqlite]").AcceptOnlyFromAmong("sqlite", "postgres");
        Flag<string>("--connection", Keys.Connection, "Connection string for --storage postgres (else TCBPUSH_CONNECTION)");
        var seed = Flag<FileInfo>("--seed", Keys.Seed, "JSON seed file of apps, components, authorizations and environments", file => file.FullName);
        Flag<string>("--admin-key", Keys.AdminKey, "Admin API key (else TCBPUSH_ADMIN_KEY, else generated)");
        var tokenTtl = Flag<int>("--token-ttl", Keys.TokenTtl, "Token lifetime in seconds [default: 7200]");
        Validation.Add(tokenTtl, result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--token-ttl must be at least 1 second");
            }
        });
        Flag<bool>("--no-path-check", Keys.PathCheck, "Store container configurations without probing the container", noCheck => noCheck ? "false" : null);
        Flag<bool>("--in-memory", Keys.InMemory, "Keep everything in memory, write no file (SQLite only; for tests)", memory => memory ? "true" : null);
        Flag<bool>("--demo", Keys.Demo, "Register a demo mini program and official account, env and built-in echo container", demo => demo ? "true" : null);
        Flag<string>("--passive-reply-window", Keys.PassiveReplyWindow,
            "How long an official account's push waits for the passive reply of its first delivery attempt; 0 = never [default: 4.5s]");
        Flag<int>("--body-limit", Keys.BodyLimit, "Largest accepted request body in bytes [default: 1048576]");
        Flag<int>("--rate-limit", Keys.RateLimitPerMinute, "Calls per app per minute on the tcb endpoints before 45011; 0 = off [default: 0]");
        Flag<string>("--retry-schedule", Keys.RetrySchedule, "Waits before each retry, e.g. 5s,30s,2m [default: 5s,30s,2m,10m,30m,1h,2h,4h]");
        Flag<string>("--delivery-timeout", Keys.DeliveryTimeout, "An attempt fails without a 2xx within this time [default: 5s]");
        Flag<string>("--claim-lease", Keys.ClaimLease, "How long a claimed delivery stays claimed; longer than --delivery-timeout [default: 30s]");
        Flag<string>("--log-level", Keys.LogLevel, "Trace, Debug, Information, Warning, Error, Critical or None [default: Information]");
        Flag<string>("--log-format", Keys.LogFormat, "text or json (one JSON object per line) [default: text]").AcceptOnlyFromAmong("text", "json");
        Flag<bool>("--quiet", Keys.Quiet, "Only warnings and errors", quiet => quiet ? "true" : null);

        command.SetAction(async (parse, cancellation) =>
        {
            if (parse.GetValue(seed) is { Exists: false } seedFile)
            {
                await Console.Error.WriteLineAsync($"seed file not found: {seedFile.FullName}");
                return CliOutput.UsageError;
            }
            var given = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (option, key, value) in flags)
            {
                if (parse.GetResult(option) is { Implicit: false } && value(parse) is { } text)
                {
                    given[key] = text;
                }
            }
            try
            {
                var options = TcbPushSettings.Read(TcbPushSettings.Build(given));
                await using var server = await TcbPushApp.StartAsync(options, Console.Out);
                await server.WaitForShutdownAsync(cancellation);
                return 0;
            }
            catch (InvalidConfigurationException e)
            {
                foreach (var problem in e.Problems)
                {
                    await Console.Error.WriteLineAsync($"tcbpush: {problem}");
                }
                return 1;
            }
            catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException or UnauthorizedAccessException or FormatException or
                System.Data.Common.DbException)
            {
                // A refused seed, an unavailable backend, a port in use, an unreadable data folder or key, a database that cannot
                // be written (a full disk): say what, not where.
                await Console.Error.WriteLineAsync($"tcbpush: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
