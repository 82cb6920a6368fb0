namespace TcbPush.Server.Secrets;

/// <summary>Writes a file readable by its owner only, durably, and never over an existing one.</summary>
internal static class PrivateFile
{
    public static void WriteNew(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var stream = new FileStream(path, options);
        using (var writer = new StreamWriter(stream, leaveOpen: true))
        {
            writer.Write(content);
        }
        stream.Flush(flushToDisk: true);
    }
}
