namespace TcbPush.Server.Credentials;

/// <summary>Who is calling a tcb endpoint: the app whose data the call may touch, and the token it came with.</summary>
internal sealed record Caller(string AppId, AccessToken Token);
