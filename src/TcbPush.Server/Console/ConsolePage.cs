using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using TcbPush.Protocol;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Console;

/// <summary>A console page: the request it renders for, and the outcome of its last form, told as the API tells it.</summary>
public abstract class ConsolePage : ComponentBase
{
    [CascadingParameter]
    public HttpContext? HttpContext { get; set; }

    protected int? NoticeCode { get; private set; }

    protected string? NoticeMessage { get; private set; }

    /// <summary>Shows the error with errcode and errmsg (rid included) as the admin API would have answered.</summary>
    private protected void Fail(WeChatError error)
    {
        NoticeCode = error.Code;
        NoticeMessage = HttpContext is null ? error.Message : error.MessageWithRid(RequestContext.Rid(HttpContext));
    }

    protected void Done(string message)
    {
        NoticeCode = 0;
        NoticeMessage = message;
    }
}
