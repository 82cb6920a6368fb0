namespace TcbPush.Server.Wire;

/// <summary>A request answered with a WeChat error: when, what was asked (path only, never the query), the errcode and the rid.</summary>
internal sealed record RecentError(DateTimeOffset At, string Method, string Path, int Status, int ErrCode, string Rid);
