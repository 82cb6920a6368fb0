using System.CommandLine;
using Spectre.Console;
using TcbPush.Protocol.Admin;

namespace TcbPush.Cli;

/// <summary><c>tcbpush apps add|list|remove</c> and <c>tcbpush envs add|list|remove</c>: TcbPush's registry through the admin API.</summary>
internal static class AdminCommands
{
    public static Command Apps()
    {
        var connection = new ConnectionOptions(ConnectionOptions.TcbPushServer);
        var messageToken = new Option<string?>("--message-token") { Description = "The app's message-push token (signs pushes to /push/{appid})" };
        var aesKey = new Option<string?>("--encoding-aes-key") { Description = "The app's 43-character EncodingAESKey (safe mode)" };
        var kind = new Option<string?>("--kind") { Description = "miniprogram (default for a new app) or officialaccount" };
        kind.AcceptOnlyFromAmong("miniprogram", "officialaccount");
        var add = new Command("add", "Register the app of --appid and --secret, or update it") { messageToken, aesKey, kind };
        add.SetAction((parse, cancellation) => CliOutput.RunAsync(async () =>
        {
            var target = connection.Resolve(parse);
            var app = new AppRegistration(target.RequireAppId(), target.RequireSecret(), parse.GetValue(messageToken), parse.GetValue(aesKey),
                parse.GetValue(kind));
            var changed = await target.Admin().RegisterAppAsync(app, cancellation);
            CliOutput.Out.WriteLine($"app {app.AppId} {(changed ? "registered" : "unchanged")}");
        }));

        var json = JsonOption("apps");
        var list = new Command("list", "List the registered apps") { json };
        list.SetAction((parse, cancellation) => CliOutput.RunAsync(async () =>
        {
            var apps = await connection.Resolve(parse).Admin().ListAppsAsync(cancellation);
            if (parse.GetValue(json))
            {
                CliOutput.Json(apps, CliJson.Default.IReadOnlyListAppInfo);
                return;
            }
            var table = CliOutput.Table("APPID", "KIND", "MESSAGE TOKEN", "AES KEY");
            foreach (var app in apps)
            {
                table.AddRow(CliOutput.Cell(app.AppId), CliOutput.Cell(app.Kind), CliOutput.Cell(app.HasToken), CliOutput.Cell(app.HasEncodingAesKey));
            }
            CliOutput.Out.Write(table);
        }));

        var appId = new Argument<string>("appid") { Description = "The app to remove" };
        var remove = new Command("remove", "Remove an app") { appId };
        remove.SetAction((parse, cancellation) => CliOutput.RunAsync(async () =>
        {
            var removed = await connection.Resolve(parse).Admin().RemoveAppAsync(parse.GetValue(appId)!, cancellation);
            CliOutput.Out.WriteLine($"app {parse.GetValue(appId)} {(removed ? "removed" : "was not registered")}");
        }));
        connection.AddTo(add, ConnectionUse.App | ConnectionUse.AdminKey);
        connection.AddTo(list, ConnectionUse.AdminKey);
        connection.AddTo(remove, ConnectionUse.AdminKey);
        return new Command("apps", "Register and list apps (TcbPush admin API)") { add, list, remove };
    }

    public static Command Envs()
    {
        var connection = new ConnectionOptions(ConnectionOptions.TcbPushServer);
        var env = new Argument<string>("env") { Description = "The environment id, e.g. test-env-6gni9ity244a6ea3" };
        var containerUrl = new Option<string>("--container-url") { Description = "Base URL that container paths are appended to", Required = true };
        var functionUrl = new Option<string>("--function-url") { Description = "Base URL that /{functionName} is appended to", Required = true };
        var add = new Command("add", "Register an environment, or update it") { env, containerUrl, functionUrl };
        add.SetAction((parse, cancellation) => CliOutput.RunAsync(async () =>
        {
            var environment = new EnvironmentRegistration(parse.GetValue(env)!, parse.GetValue(containerUrl)!, parse.GetValue(functionUrl)!);
            var changed = await connection.Resolve(parse).Admin().RegisterEnvironmentAsync(environment, cancellation);
            CliOutput.Out.WriteLine($"env {environment.Env} {(changed ? "registered" : "unchanged")}");
        }));

        var json = JsonOption("environments");
        var list = new Command("list", "List the registered environments") { json };
        list.SetAction((parse, cancellation) => CliOutput.RunAsync(async () =>
        {
            var envs = await connection.Resolve(parse).Admin().ListEnvironmentsAsync(cancellation);
            if (parse.GetValue(json))
            {
                CliOutput.Json(envs, CliJson.Default.IReadOnlyListEnvironmentInfo);
                return;
            }
            var table = CliOutput.Table("ENV", "CONTAINER BASE URL", "FUNCTION BASE URL");
            foreach (var e in envs)
            {
                table.AddRow(CliOutput.Cell(e.Env), CliOutput.Cell(e.ContainerBaseUrl), CliOutput.Cell(e.FunctionBaseUrl));
            }
            CliOutput.Out.Write(table);
        }));

        var removeEnv = new Argument<string>("env") { Description = "The environment to remove" };
        var remove = new Command("remove", "Remove an environment") { removeEnv };
        remove.SetAction((parse, cancellation) => CliOutput.RunAsync(async () =>
        {
            var removed = await connection.Resolve(parse).Admin().RemoveEnvironmentAsync(parse.GetValue(removeEnv)!, cancellation);
            CliOutput.Out.WriteLine($"env {parse.GetValue(removeEnv)} {(removed ? "removed" : "was not registered")}");
        }));
        connection.AddTo(add, ConnectionUse.AdminKey);
        connection.AddTo(list, ConnectionUse.AdminKey);
        connection.AddTo(remove, ConnectionUse.AdminKey);
        return new Command("envs", "Register and list environments (TcbPush admin API)") { add, list, remove };
    }

    private static Option<bool> JsonOption(string what) => new("--json") { Description = $"Print the {what} as JSON" };
}
