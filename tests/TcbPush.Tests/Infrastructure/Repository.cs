using System.Diagnostics;

namespace TcbPush.Tests.Infrastructure;

/// <summary>The repository the tests run from, and the commands (dotnet pack, tool install) run against it.</summary>
internal static class Repository
{
    /// <summary>The folder holding <c>TcbPush.slnx</c>, above the test assembly.</summary>
    public static string Root()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "TcbPush.slnx")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("the repository root (TcbPush.slnx) is not above the test folder");
    }

    /// <summary>Runs a command to its end (at most 10 minutes); asserts it exited 0 and returns its standard output.</summary>
    public static async Task<string> RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(deadline.Token);
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} exited {process.ExitCode}\n{await stdout}\n{await stderr}");
        return await stdout;
    }
}
