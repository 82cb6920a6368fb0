namespace TcbPush.Cli;

/// <summary>The connection options a command uses besides <c>--server</c>.</summary>
[Flags]
internal enum ConnectionUse
{
    None = 0,
    AppId = 1,
    Secret = 2,
    AdminKey = 4,

    /// <summary>An app's own credentials: the WeChat-compatible commands.</summary>
    App = AppId | Secret,
}
