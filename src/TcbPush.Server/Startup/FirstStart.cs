namespace TcbPush.Server.Startup;

/// <summary>What <c>serve</c> prints while no app is registered: how to go on.</summary>
internal static class FirstStart
{
    public static string NextSteps(string url, string adminKey) => $"""
        Next steps:
          register an app:   tcbpush apps add --server {url} --admin-key {adminKey} --appid wx0123456789abcdef --secret YOUR_SECRET
          or try the demo:   restart with --demo (a demo app, env and echo container, with the commands to call them)
          or load a seed:    restart with --seed FILE (apps, envs, components, authorizations; see README "Seed file")
        """;
}
