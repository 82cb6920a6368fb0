using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Spectre.Console;
using Spectre.Console.Rendering;
using TcbPush.Client;

namespace TcbPush.Cli;

/// <summary>
/// How client commands speak: tables and colour on stdout (colour only on a terminal), exact JSON for <c>--json</c>,
/// errors on stderr, and the exit codes: 0 success, 1 the server answered a non-zero errcode, 2 usage error,
/// 3 the server could not be reached or did not answer as WeChat does.
/// </summary>
internal static class CliOutput
{
    public const int Ok = 0;
    public const int ApiError = 1;
    public const int UsageError = 2;
    public const int ConnectionError = 3;

    private static readonly JsonSerializerOptions IndentedNodes = new() { WriteIndented = true };

    /// <summary>The styled console for human output.</summary>
    public static IAnsiConsole Out { get; } = CreateConsole();

    public static bool IsTerminal => !Console.IsOutputRedirected;

    /// <summary>Runs a command's work and turns its failure into a message on stderr and an exit code.</summary>
    public static async Task<int> RunAsync(Func<Task> work)
    {
        try
        {
            await work();
            return Ok;
        }
        catch (WeChatException e)
        {
            await Console.Error.WriteLineAsync($"errcode: {e.ErrCode}");
            await Console.Error.WriteLineAsync($"errmsg: {e.ErrMsg}");
            return ApiError;
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync($"tcbpush: {e.Message}");
            return UsageError;
        }
        catch (HttpRequestException e)
        {
            var target = ConnectionOptions.Target is { } uri ? $" to {uri.GetLeftPart(UriPartial.Path).TrimEnd('/')}" : "";
            var reason = e.InnerException is SocketException socket ? $"cannot connect{target}: {socket.Message}" : e.Message;
            await Console.Error.WriteLineAsync($"tcbpush: {reason}");
            return ConnectionError;
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            await Console.Error.WriteLineAsync($"tcbpush: {ConnectionOptions.Target?.GetLeftPart(UriPartial.Path).TrimEnd('/') ?? "the server"} did not answer in time");
            return ConnectionError;
        }
    }

    /// <summary>Writes a line as is: no markup, no wrapping (tokens, JSON).</summary>
    public static void Raw(string text) => Console.Out.WriteLine(text);

    /// <summary>Writes a value as indented JSON with the wire's field names (every <c>--json</c> output is indented).</summary>
    public static void Json<T>(T value, JsonTypeInfo<T> type) => Raw(JsonSerializer.Serialize(value, type));

    /// <summary>Writes JSON as received (its fields and values unchanged), indented like every <c>--json</c> output.</summary>
    public static void Json(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            element.WriteTo(writer);
        }
        Raw(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>Writes a JSON object, indented like every <c>--json</c> output.</summary>
    public static void Json(System.Text.Json.Nodes.JsonNode node) => Raw(node.ToJsonString(IndentedNodes));

    /// <summary>A table without borders, like <c>kubectl get</c>: bold headers, one row per item.</summary>
    public static Table Table(params string[] headers)
    {
        var table = new Table().Border(TableBorder.None);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Markup($"[bold]{Markup.Escape(header)}[/]")).PadRight(2).PadLeft(0));
        }
        return table;
    }

    /// <summary>A cell of plain text (never read as markup).</summary>
    public static IRenderable Cell(object? value) => new Text(value switch
    {
        null => "-",
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        bool flag => flag ? "yes" : "no",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) is { Length: > 0 } text ? text : "-",
    });

    /// <summary>A delivery or message status in its colour.</summary>
    public static IRenderable Status(string status) => new Markup(Markup.Escape(status), new Style(status switch
    {
        "delivered" => Color.Green,
        "dead" => Color.Red,
        "pending" or "delivering" => Color.Yellow,
        _ => Color.Grey,
    }));

    private static IAnsiConsole CreateConsole()
    {
        var terminal = !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
            // Tables pad their cells; in a pipe, no line ends in spaces.
            Out = new AnsiConsoleOutput(terminal ? Console.Out : new LineEndTrimmingWriter(Console.Out)),
        });
        if (!terminal)
        {
            // A pipe has no width: do not wrap long URLs into several lines.
            console.Profile.Width = 400;
        }
        return console;
    }
}
