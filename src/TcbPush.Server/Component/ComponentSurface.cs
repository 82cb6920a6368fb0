using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TcbPush.Protocol;
using TcbPush.Server.Credentials;
using TcbPush.Server.Wire;

namespace TcbPush.Server.Component;

/// <summary>
/// The component APIs under <c>/cgi-bin/component/</c>, checked in SPEC §2's order before their handler runs: the
/// component token (<c>component_access_token</c>, else <c>access_token</c>) is present, genuine and current (41001,
/// 40014, 40001, 42001) and a component's (48001 for app, stable and authorizer tokens); then the method (43002), the
/// body (44002, 47001) and its fields (<see cref="ComponentRequest"/>: 41018, 40097, 41004, 40101); last, the body's
/// component_appid must be the token's own (48001 otherwise, whether or not that other component exists). The
/// handler takes the outcome as its <see cref="ComponentCall"/>.
/// </summary>
internal static class ComponentSurface
{
    /// <summary>Puts the endpoint on the component surface; <paramref name="fields"/> are required besides component_appid.</summary>
    public static TBuilder RequireComponentCaller<TBuilder>(this TBuilder builder, params string[] fields)
        where TBuilder : IEndpointConventionBuilder => builder.AddFilter(tokenRequired: true, fields);

    /// <summary>The same checks without a token, for <c>api_component_token</c>, which is how a component gets one.</summary>
    public static TBuilder RequireComponentBody<TBuilder>(this TBuilder builder, params string[] fields)
        where TBuilder : IEndpointConventionBuilder => builder.AddFilter(tokenRequired: false, fields);

    private static TBuilder AddFilter<TBuilder>(this TBuilder builder, bool tokenRequired, string[] fields)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var filter = ActivatorUtilities.CreateInstance<Filter>(factory.ApplicationServices, tokenRequired, fields);
            return invocation => filter.InvokeAsync(invocation, next);
        });

    private sealed class Filter(TokenService tokens, RequestBody requestBody, bool tokenRequired, string[] fields) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var http = context.HttpContext;
            string? component = null;
            if (tokenRequired)
            {
                var token = await AuthenticateAsync(http.Request.Query);
                if (token.Error is { } unauthorized)
                {
                    return WeChatResponse.Error(unauthorized);
                }
                component = token.Value.ComponentAppId;
            }
            var post = await requestBody.ReadPostAsync(http);
            if (post.Error is { } unreadable)
            {
                return WeChatResponse.Error(unreadable);
            }
            var request = ComponentRequest.Read(post.Value, fields);
            if (request.Error is { } invalid)
            {
                return WeChatResponse.Error(invalid);
            }
            if (component is not null && request.Value.ComponentAppId != component)
            {
                return WeChatResponse.Error(ErrCode.ApiUnauthorized, "component_appid is not the component_access_token's component");
            }
            http.RequestServices.GetRequiredService<ComponentCall>().Accept(request.Value);
            return await next(context);
        }

        private async Task<Result<AccessToken>> AuthenticateAsync(IQueryCollection query)
        {
            var text = query["component_access_token"].ToString();
            var token = await tokens.CheckAsync(text.Length == 0 ? query["access_token"].ToString() : text);
            if (token.Error is null && token.Value.Kind != TokenKind.Component)
            {
                return new WeChatError(ErrCode.ApiUnauthorized, "this api needs a component_access_token");
            }
            return token;
        }
    }
}
