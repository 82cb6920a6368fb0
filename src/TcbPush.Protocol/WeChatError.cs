namespace TcbPush.Protocol;

/// <summary>A WeChat error: the code and an optional short detail appended to the standard message.</summary>
internal sealed record WeChatError(int Code, string? Detail = null)
{
    /// <summary>The errmsg without the rid: the standard text, then the detail if any.</summary>
    public string Message => Detail is null ? ErrCode.Message(Code) : $"{ErrCode.Message(Code)}: {Detail}";

    /// <summary>The errmsg as WeChat sends it: <c>message rid: xxxxxxxx-xxxxxxxx-xxxxxxxx</c>.</summary>
    public string MessageWithRid(string rid) => $"{Message} rid: {rid}";

    public override string ToString() => $"{Code} {Message}";
}
