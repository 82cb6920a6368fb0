using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TcbPush.Protocol;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Credentials;

/// <summary>
/// The endpoints an app calls with its own token or an authorizer token (<c>/tcb/*</c> and the like), checked in SPEC
/// §2's order before their handler runs: the token is present, genuine and current (41001, 40014, 40001, 42001); of a
/// kind that may call them — an app or stable token, or an authorizer token whose authorization stands and holds
/// permission set 49 or 64 (48001, 61003, 61007); within the app's rate limit (45011); then the method (43002) and the
/// body (44002, 47001). The handler takes the outcome as its <see cref="TcbCall"/>.
/// </summary>
internal static class TcbSurface
{
    /// <summary>
    /// Puts the endpoint on the tcb surface. Map it for every method (<c>Map</c>, not <c>MapPost</c>): WeChat checks
    /// the token before the method, so 43002 is this filter's answer, not the router's.
    /// </summary>
    /// <param name="builder">The endpoint.</param>
    /// <param name="body">Whether the body may be empty.</param>
    /// <param name="permissionSets">
    /// Whether an authorizer token needs permission set 49 or 64 (61007): so for <c>/tcb/*</c>; the customer-service
    /// API (SPEC §10.3) lets any live authorization act for its authorizer.
    /// </param>
    public static TBuilder RequireTcbCaller<TBuilder>(this TBuilder builder, PostBody body = PostBody.Required, bool permissionSets = true)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var filter = ActivatorUtilities.CreateInstance<Filter>(factory.ApplicationServices, body, permissionSets);
            return invocation => filter.InvokeAsync(invocation, next);
        });

    private sealed class Filter(TokenService tokens, IAuthorizerCheck authorizers, AppRateLimiter rateLimiter, RequestBody requestBody, PostBody body,
        bool permissionSets)
        : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var http = context.HttpContext;
            var caller = await AuthenticateAsync(TokenText(http.Request.Query));
            if (caller.Error is { } unauthorized)
            {
                return WeChatResponse.Error(unauthorized);
            }
            var post = await requestBody.ReadPostAsync(http, body);
            if (post.Error is { } unreadable)
            {
                return WeChatResponse.Error(unreadable);
            }
            http.RequestServices.GetRequiredService<TcbCall>().Accept(caller.Value, post.Value);
            return await next(context);
        }

        /// <summary><c>access_token</c>, or in its absence <c>cloudbase_access_token</c> (SPEC §10.3: when both are given, the first is checked).</summary>
        private static string? TokenText(IQueryCollection query)
        {
            var text = query["access_token"].ToString();
            return text.Length > 0 ? text : query["cloudbase_access_token"].ToString();
        }

        private async Task<Result<Caller>> AuthenticateAsync(string? text)
        {
            var checkedToken = await tokens.CheckAsync(text);
            if (checkedToken.Error is { } invalid)
            {
                return invalid;
            }
            var token = checkedToken.Value;
            switch (token.Kind)
            {
                case TokenKind.Component:
                    return new WeChatError(ErrCode.ApiUnauthorized, "a component token cannot call this api");
                case TokenKind.Authorizer when await authorizers.CheckTcbAccessAsync(token.ComponentAppId!, token.AppId) is { } refused &&
                                               (permissionSets || refused.Code != ErrCode.ApiUnauthorizedToComponent):
                    return refused;
            }
            if (!rateLimiter.TryAcquire(token.AppId))
            {
                return new WeChatError(ErrCode.MinuteQuota);
            }
            return new Caller(token.AppId, token);
        }
    }
}
