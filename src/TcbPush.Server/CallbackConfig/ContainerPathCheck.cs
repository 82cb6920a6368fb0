using System.Text;
using TcbPush.Protocol;
using TcbPush.Server.Apps;

namespace TcbPush.Server.CallbackConfig;

/// <summary>
/// SPEC §6.3: before a container configuration is stored, TcbPush posts <c>CheckContainerPath</c> to it in the
/// configured text mode; it passes on HTTP 200 with an empty or <c>success</c> body within 3 seconds.
/// </summary>
internal sealed class ContainerPathCheck(IHttpClientFactory httpClients)
{
    public const string HttpClientName = "path-check";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>Null when the container answered as it should, else why not.</summary>
    public async Task<string?> CheckAsync(EnvironmentRecord environment, ContainerConfig container, string appId)
    {
        var url = environment.ContainerBaseUrl.TrimEnd('/') + container.QbaseContainerPath;
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = container.TextMode == ContainerConfig.Xml
                ? new StringContent("<xml><action><![CDATA[CheckContainerPath]]></action></xml>", Encoding.UTF8, "application/xml")
                : new StringContent("""{"action":"CheckContainerPath"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-wx-source", "tcbpush");
        request.Headers.Add("x-wx-appid", appId);
        request.Headers.Add("x-wx-env", container.QbaseEnv);
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var body = (await response.Content.ReadAsStringAsync(timeout.Token)).Trim();
            if ((int)response.StatusCode != 200)
            {
                return $"{url} answered HTTP {(int)response.StatusCode}";
            }
            return body.Length == 0 || body == "success" ? null : $"{url} answered \"{Truncate(body)}\" instead of success";
        }
        catch (OperationCanceledException)
        {
            return $"{url} did not answer within {Timeout.TotalSeconds:0} s";
        }
        catch (HttpRequestException e)
        {
            return $"{url} unreachable ({e.HttpRequestError})";
        }
    }

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
