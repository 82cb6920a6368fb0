using System.Text;

namespace TcbPush.Cli;

/// <summary>
/// Passes text on without the spaces that end a line (padded table cells), so that piped output has no trailing
/// whitespace. Spaces are held back until a character other than a line break follows them.
/// </summary>
internal sealed class LineEndTrimmingWriter(TextWriter inner) : TextWriter
{
    private int pendingSpaces;

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        switch (value)
        {
            case ' ':
                pendingSpaces++;
                return;
            case '\n' or '\r':
                pendingSpaces = 0;
                break;
            default:
                if (pendingSpaces > 0)
                {
                    inner.Write(new string(' ', pendingSpaces));
                    pendingSpaces = 0;
                }
                break;
        }
        inner.Write(value);
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? "")
        {
            Write(c);
        }
    }

    public override void Flush() => inner.Flush();
}
