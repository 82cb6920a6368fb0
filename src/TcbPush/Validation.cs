using System.CommandLine;
using System.CommandLine.Parsing;

namespace TcbPush.Cli;

/// <summary>
/// Adds validators that read converted values. System.CommandLine runs validators even when a value failed to
/// convert, and reading that value then throws; the parser has already reported the conversion error (a usage
/// error, exit 2), so such a validator has nothing to add.
/// </summary>
internal static class Validation
{
    public static void Add(Command command, Action<CommandResult> validate) =>
        command.Validators.Add(result => IgnoringUnconvertedValues(() => validate(result)));

    public static void Add<T>(Option<T> option, Action<OptionResult> validate) =>
        option.Validators.Add(result => IgnoringUnconvertedValues(() => validate(result)));

    private static void IgnoringUnconvertedValues(Action validate)
    {
        try
        {
            validate();
        }
        catch (InvalidOperationException)
        {
            // The value did not convert; its error is already in the parse result.
        }
    }
}
