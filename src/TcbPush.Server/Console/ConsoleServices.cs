using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TcbPush.Server.Console;

internal static class ConsoleServices
{
    /// <summary>
    /// Registers the web console: Razor components (static server rendering), its session cookie and anti-forgery.
    /// Their data-protection keys live in memory only (<see cref="ConsoleKeyRing"/>), so a restart signs everyone out:
    /// nothing about a session is ever written to disk.
    /// </summary>
    public static IServiceCollection AddConsole(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddDataProtection();
        services.Configure<KeyManagementOptions>(keys =>
        {
            keys.XmlRepository = new ConsoleKeyRing();
            keys.XmlEncryptor = new NullXmlEncryptor(); // the keys never leave this process's memory
        });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "tcbpush_console_af";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddSingleton<ConsoleSessions>();
        // With one scheme registered, ASP.NET Core would make it the default and authenticate the console cookie on
        // every request, WeChat's included; the console's own gate authenticates it where it is needed.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
        services.AddAuthentication().AddCookie(ConsoleSessions.Scheme, cookie =>
        {
            cookie.Cookie.Name = "tcbpush_console";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.Path = ConsolePaths.Root;
            cookie.LoginPath = ConsolePaths.SignIn;
            cookie.ExpireTimeSpan = ConsoleSessions.Lifetime;
            cookie.SlidingExpiration = true;
            cookie.Events = new CookieAuthenticationEvents { OnValidatePrincipal = ConsoleSessions.ValidateAsync };
        });
        return services;
    }
}
