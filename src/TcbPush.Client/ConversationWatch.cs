using System.Globalization;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using TcbPush.Protocol.Admin;

namespace TcbPush.Client;

/// <summary>Reads a conversation's event stream, reconnecting after a dropped connection with the last entry's number.</summary>
internal static class ConversationWatch
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    public static async IAsyncEnumerable<ConversationEntry> RunAsync(WeChatTransport transport, string path, string? adminKey, long afterSeq,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var last = afterSeq;
        while (!cancellationToken.IsCancellationRequested)
        {
            using var response = await transport.OpenStreamAsync(path, adminKey, last.ToString(CultureInfo.InvariantCulture), cancellationToken)
                .ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using var streamScope = stream.ConfigureAwait(false);
            using var reader = new StreamReader(stream);
            string? data = null;
            while (true)
            {
                string? line;
                try
                {
                    line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or HttpRequestException or SocketException)
                {
                    line = null;
                }
                if (line is null)
                {
                    break;
                }
                if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    data = line[5..].TrimStart();
                }
                else if (line.Length == 0 && data is not null)
                {
                    var entry = JsonSerializer.Deserialize(data, AdminWire.Json.ConversationEntry);
                    data = null;
                    if (entry is not null && entry.Seq > last)
                    {
                        last = entry.Seq;
                        yield return entry;
                    }
                }
            }
            await Task.Delay(ReconnectDelay, cancellationToken).ConfigureAwait(false);
        }
    }
}
