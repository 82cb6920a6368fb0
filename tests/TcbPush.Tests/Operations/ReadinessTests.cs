using System.Net;
using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Operations;

/// <summary>SPEC §12 health: <c>/readyz</c> is 200 while storage takes a write and 503 with a reason otherwise.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_is_200_when_storage_is_writable()
    {
        await using var server = await TestServer.StartAsync();

        using var response = await server.Http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_is_503_with_a_reason_when_the_data_folder_is_gone()
    {
        await using var server = await TestServer.StartAsync();
        Directory.Delete(server.Options.DataDirectory, recursive: true);

        using var response = await server.Http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.StartsWith("storage not writable: ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var alive = await server.Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}
