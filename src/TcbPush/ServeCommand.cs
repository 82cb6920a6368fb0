using System.CommandLine;
using TcbPush.Server.Startup;

namespace TcbPush.Cli;

/// <summary><c>tcbpush serve</c>: hosts the server until Ctrl+C or SIGTERM.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Address to listen on", DefaultValueFactory = _ => TcbPushOptions.DefaultUrls };
        var data = new Option<string>("--data") { Description = "Data folder (SQLite database, keys)", DefaultValueFactory = _ => "./data" };
        var storage = new Option<string>("--storage") { Description = "Storage backend: sqlite or postgres", DefaultValueFactory = _ => "sqlite" };
        storage.AcceptOnlyFromAmong("sqlite", "postgres");
        var connection = new Option<string?>("--connection") { Description = "Connection string for --storage postgres (else TCBPUSH_CONNECTION)" };
        var seed = new Option<FileInfo?>("--seed") { Description = "JSON seed file of apps, components, authorizations and environments" };
        var adminKey = new Option<string?>("--admin-key") { Description = "Admin API key (else TCBPUSH_ADMIN_KEY, else generated)" };
        var tokenTtl = new Option<int>("--token-ttl") { Description = "Token lifetime in seconds", DefaultValueFactory = _ => 7200 };
        Validation.Add(tokenTtl, result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--token-ttl must be at least 1 second");
            }
        });
        var passiveWindow = new Option<double>("--passive-reply-window")
        {
            Description = "Seconds an official account's push waits for the passive reply of its first delivery attempt (0: never)",
            DefaultValueFactory = _ => 4.5,
        };
        Validation.Add(passiveWindow, result =>
        {
            if (result.GetValueOrDefault<double>() is < 0 or > 60)
            {
                result.AddError("--passive-reply-window must be 0-60 seconds");
            }
        });
        var noPathCheck = new Option<bool>("--no-path-check") { Description = "Store container configurations without probing the container" };
        var demo = new Option<bool>("--demo") { Description = "Register a demo mini program and official account, env and built-in echo container" };

        var command = new Command("serve", "Run the TcbPush server") { urls, data, storage, connection, seed, adminKey, tokenTtl, passiveWindow, noPathCheck, demo };
        command.SetAction(async (parse, cancellation) =>
        {
            var seedFile = parse.GetValue(seed);
            if (seedFile is { Exists: false })
            {
                await Console.Error.WriteLineAsync($"seed file not found: {seedFile.FullName}");
                return 2;
            }
            var options = new TcbPushOptions
            {
                Urls = parse.GetValue(urls)!,
                DataDirectory = parse.GetValue(data)!,
                Storage = parse.GetValue(storage)!,
                ConnectionString = parse.GetValue(connection),
                SeedFile = seedFile?.FullName,
                AdminKey = parse.GetValue(adminKey),
                TokenTtlSeconds = parse.GetValue(tokenTtl),
                PathCheck = !parse.GetValue(noPathCheck),
                Demo = parse.GetValue(demo),
            };
            options.Conversations.PassiveReplyWindow = TimeSpan.FromSeconds(parse.GetValue(passiveWindow));
            try
            {
                await using var server = await TcbPushApp.StartAsync(options, Console.Out);
                await server.WaitForShutdownAsync(cancellation);
                return 0;
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
