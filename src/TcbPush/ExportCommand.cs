using System.CommandLine;
using System.Text.Json;

namespace TcbPush.Cli;

/// <summary>
/// <c>tcbpush export [--out FILE]</c> (SPEC §12 "State"): the server's apps, envs, components, authorizations and
/// configurations as a seed file (secrets in sealed or hashed form only), to stdout or a file.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var connection = new ConnectionOptions(ConnectionOptions.TcbPushServer);
        var output = new Option<FileInfo?>("--out") { Description = "Write the export to FILE instead of stdout" };
        var command = new Command("export", "Write the server's state as a seed file for serve --seed (imports only under the same master key)") { output };
        command.SetAction((parse, cancellation) => CliOutput.RunAsync(async () =>
        {
            var state = await connection.Resolve(parse).Admin().ExportAsync(cancellation);
            var json = JsonSerializer.Serialize(state, CliJson.Default.StateExport);
            if (parse.GetValue(output) is not { } file)
            {
                CliOutput.Raw(json);
                return;
            }
            await File.WriteAllTextAsync(file.FullName, json + Environment.NewLine, cancellation);
            CliOutput.Raw($"exported {state.Apps.Count} apps, {state.Envs.Count} envs, {state.Components.Count} components, " +
                          $"{state.Authorizations.Count} authorizations, {state.CallbackConfigs.Count} configurations to {file.FullName}");
        }));
        return connection.AddTo(command, ConnectionUse.AdminKey);
    }
}
