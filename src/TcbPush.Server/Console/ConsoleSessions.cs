using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;

namespace TcbPush.Server.Console;

/// <summary>
/// The console's open sessions. The cookie carries a random session id; signing out forgets it, so a copy of the
/// cookie kept from before stops working at once (a signed cookie alone would stay valid until it expired).
/// </summary>
internal sealed class ConsoleSessions(TimeProvider time)
{
    public const string Scheme = "TcbPushConsole";
    public const string SessionClaim = "tcbpush_session";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);
    private readonly ConcurrentDictionary<string, DateTimeOffset> open = new(StringComparer.Ordinal);

    /// <summary>Opens a session and returns the principal to put in its cookie.</summary>
    public ClaimsPrincipal Open()
    {
        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
        var now = time.GetUtcNow();
        foreach (var (stale, openedAt) in open)
        {
            if (openedAt + Lifetime < now)
            {
                open.TryRemove(stale, out _);
            }
        }
        open[id] = now;
        return new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin"), new Claim(SessionClaim, id)], Scheme));
    }

    public bool IsOpen(ClaimsPrincipal? principal) =>
        principal?.FindFirst(SessionClaim)?.Value is { } id && open.TryGetValue(id, out var openedAt) && openedAt + Lifetime >= time.GetUtcNow();

    public void Close(ClaimsPrincipal? principal)
    {
        if (principal?.FindFirst(SessionClaim)?.Value is { } id)
        {
            open.TryRemove(id, out _);
        }
    }

    public static Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (!context.HttpContext.RequestServices.GetRequiredService<ConsoleSessions>().IsOpen(context.Principal))
        {
            context.RejectPrincipal();
        }
        return Task.CompletedTask;
    }
}
