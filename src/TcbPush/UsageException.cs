namespace TcbPush.Cli;

/// <summary>A command that cannot run as typed (a missing credential, an unreadable file): exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
