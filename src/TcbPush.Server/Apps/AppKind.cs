namespace TcbPush.Server.Apps;

/// <summary>
/// What an app is (SPEC §10.1): a mini program (the default) or an official account. The kind decides which reply
/// message types custom/send accepts and whether passive replies reach the user.
/// </summary>
internal static class AppKind
{
    public const string MiniProgram = "miniprogram";
    public const string OfficialAccount = "officialaccount";

    public static IReadOnlyList<string> All { get; } = [MiniProgram, OfficialAccount];

    public static bool IsKnown(string kind) => All.Contains(kind);
}
