namespace TcbPush.Server.Secrets;

/// <summary>Files and folders readable by their owner only (mode 0600 and 0700 on Unix).</summary>
internal static class PrivateFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder (owner only) when it does not exist yet; an existing one keeps its mode.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnly | UnixFileMode.UserExecute);
        }
    }

    /// <summary>
    /// Creates an empty file (owner only) unless it exists: SQLite then opens it as a new database, and gives its
    /// journal files the same mode.
    /// </summary>
    public static void EnsureExists(string path)
    {
        if (File.Exists(path))
        {
            return;
        }
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }
        using var stream = new FileStream(path, options);
    }

    /// <summary>Writes a file readable by its owner only, durably, and never over an existing one.</summary>
    public static void WriteNew(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }
        using var stream = new FileStream(path, options);
        using (var writer = new StreamWriter(stream, leaveOpen: true))
        {
            writer.Write(content);
        }
        stream.Flush(flushToDisk: true);
    }
}
