namespace TcbPush.Server.Apps;

/// <summary>A registered CloudBase environment: where its containers and functions are reached.</summary>
internal sealed record EnvironmentRecord(string Env, string ContainerBaseUrl, string FunctionBaseUrl);
