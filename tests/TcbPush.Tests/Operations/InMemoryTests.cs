using TcbPush.Tests.Infrastructure;

namespace TcbPush.Tests.Operations;

/// <summary>SPEC §12 state: <c>serve --in-memory</c> keeps everything in memory and leaves no file behind.</summary>
public sealed class InMemoryTests
{
    private const string App = "wxmemory00000001";

    [Fact]
    public async Task In_memory_server_works_and_leaves_no_file_behind()
    {
        var data = Path.Combine(Path.GetTempPath(), "tcbpush-in-memory-" + Guid.NewGuid().ToString("N"));
        await using (var server = await TestServer.StartAsync(dataDirectory: data, configure: o =>
        {
            o.InMemory = true;
            o.AdminKey = null;
        }))
        {
            var admin = server.Services.GetService(typeof(TcbPush.Server.Secrets.AdminKey)) as TcbPush.Server.Secrets.AdminKey;
            using var register = new HttpRequestMessage(HttpMethod.Post, "/admin/apps")
            {
                Content = new StringContent($$"""{"appid":"{{App}}","secret":"memory-secret"}"""),
            };
            register.Headers.Authorization = new("Bearer", admin!.Value);
            using var registered = await server.Http.SendAsync(register);
            Assert.Equal(0, (int?)(await TestServer.ReadObjectAsync(registered))["errcode"]);
            Assert.NotEmpty(await server.TokenAsync(App, "memory-secret"));
            using var ready = await server.Http.GetAsync("/readyz");
            Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        }

        Assert.False(Directory.Exists(data), $"{data} was created");
    }
}
