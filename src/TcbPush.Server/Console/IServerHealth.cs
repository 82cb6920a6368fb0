namespace TcbPush.Server.Console;

/// <summary>What the console's overview shows of the server itself; the composition root provides it.</summary>
internal interface IServerHealth
{
    Task<ServerHealth> CheckAsync();
}
