namespace TcbPush.Server.Console;

/// <summary>Readiness (as <c>/readyz</c> answers it, with its reason), storage backend, version and uptime.</summary>
internal sealed record ServerHealth(bool Ready, string Detail, string Storage, string Version, TimeSpan Uptime);
