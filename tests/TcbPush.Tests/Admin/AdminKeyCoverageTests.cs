using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Admin;

/// <summary>SPEC §7 and §9: every route under /admin, present and future, refuses a request without the admin key.</summary>
public sealed partial class AdminKeyCoverageTests
{
    [Fact]
    public async Task Every_admin_route_answers_401_without_the_key()
    {
        await using var server = await TestServer.StartAsync(TestServer.Seed("http://127.0.0.1:9", "wx00000000000000k1"));
        var routes = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/admin", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get])
                .Select(method => (Method: method, Path: RouteParameter().Replace(e.RoutePattern.RawText!, "1"))))
            .ToList();

        Assert.True(routes.Count >= 15, $"only {routes.Count} admin routes found");
        foreach (var (method, path) in routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}") };
            using var response = await server.Http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {(int)response.StatusCode}");
        }
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
