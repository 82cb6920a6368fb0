using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace TcbPush.Cli;

/// <summary>
/// A usage error is one line naming the problem and one line with the command's help to run (exit 2): never the
/// whole help, never a .NET type name.
/// </summary>
internal static partial class UsageErrors
{
    public static async Task<int> ReportAsync(ParseResult parse)
    {
        await Console.Error.WriteLineAsync($"tcbpush: {Plain(parse.Errors[0].Message)}");
        await Console.Error.WriteLineAsync($"Run '{CommandPath(parse.CommandResult)} --help' for usage.");
        return CliOutput.UsageError;
    }

    /// <summary>System.CommandLine's message with <c>as expected type 'System.Nullable`1[...]'</c> said in words.</summary>
    public static string Plain(string message) => ExpectedType().Replace(message, match => match.Groups[1].Value switch
    {
        var type when type.Contains("DateTimeOffset", StringComparison.Ordinal) => "as a time (ISO-8601, e.g. 2026-01-02T03:04:05Z)",
        var type when type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) => "as a whole number",
        var type when type.Contains("FileInfo", StringComparison.Ordinal) => "as a file path",
        var type when type.Contains("Boolean", StringComparison.Ordinal) => "as true or false",
        _ => "as a value of the expected kind",
    }).ReplaceLineEndings(" ").Trim();

    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is CommandResult current; result = current.Parent)
        {
            names.Add(current.Parent is null ? "tcbpush" : current.Command.Name);
        }
        names.Reverse();
        return string.Join(' ', names);
    }

    [GeneratedRegex(@"as expected type '([^']+)'")]
    private static partial Regex ExpectedType();
}
