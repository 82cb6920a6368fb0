using System.CommandLine;

namespace TcbPush.Cli;

/// <summary><c>tcbpush token [--stable [--force-refresh]] [--json]</c>: prints a new access token for the app.</summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var connection = new ConnectionOptions();
        var stable = new Option<bool>("--stable") { Description = "Get the stable token (/cgi-bin/stable_token) instead of a new plain one" };
        var forceRefresh = new Option<bool>("--force-refresh") { Description = "With --stable: issue a new stable token even if the current one is valid" };
        var json = new Option<bool>("--json") { Description = "Print {\"access_token\",\"expires_in\"} as JSON" };
        var command = new Command("token", "Print an access token for the app (--appid, --secret)") { stable, forceRefresh, json };
        Validation.Add(command, result =>
        {
            if (result.GetValue(forceRefresh) && !result.GetValue(stable))
            {
                result.AddError("--force-refresh applies to --stable only");
            }
        });
        command.SetAction((parse, cancellation) => CliOutput.RunAsync(async () =>
        {
            var client = connection.Resolve(parse).WeChat();
            var token = parse.GetValue(stable)
                ? await client.GetStableAccessTokenAsync(parse.GetValue(forceRefresh), cancellation)
                : await client.GetAccessTokenAsync(cancellation);
            if (parse.GetValue(json))
            {
                CliOutput.Json(token, CliJson.Default.AccessTokenResponse);
            }
            else
            {
                CliOutput.Raw(token.AccessToken);
            }
        }));
        return connection.AddTo(command, ConnectionUse.App);
    }
}
