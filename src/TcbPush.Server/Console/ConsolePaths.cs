namespace TcbPush.Server.Console;

/// <summary>Where the console lives on the server's port.</summary>
internal static class ConsolePaths
{
    public const string Root = "/console";
    public const string SignIn = "/console/signin";
    public const string Assets = "/console/assets";
}
