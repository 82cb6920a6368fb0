using System.Text;
using TcbPush.Server.Startup;

namespace TcbPush.Hardening;

/// <summary>An in-process TcbPush with its data folder and one access token per app.</summary>
internal sealed class HardeningServer(RunningServer app, string dataDirectory, IReadOnlyDictionary<string, string> tokens) : IAsyncDisposable
{
    public RunningServer App => app;

    public IReadOnlyDictionary<string, string> Tokens => tokens;

    /// <summary>Routes every message of <paramref name="appId"/> to <paramref name="path"/> of the env's container, as XML.</summary>
    public async Task ConfigureContainerAsync(HttpClient http, string appId, string path)
    {
        using var response = await http.PostAsync($"/tcb/setcallbackconfig?access_token={tokens[appId]}", new StringContent(
            "{\"container_config\":{\"enable\":true,\"qbase_env\":\"hardening-env\",\"qbase_container_path\":\"" + path + "\",\"text_mode\":2}}",
            Encoding.UTF8));
        var text = await response.Content.ReadAsStringAsync();
        if (!text.StartsWith("{\"errcode\":0", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"setcallbackconfig for {appId} answered {text}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
