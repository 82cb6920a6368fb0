using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace TcbPush.Server.Startup;

/// <summary>
/// What one client may hold of the server's connections: a minimum upload rate (Kestrel's 240 B/s default lets a
/// 1 MiB upload live an hour) and a cap on open connections per remote address, loopback excepted (local tools and
/// test suites are trusted and often open many).
/// </summary>
internal static class ConnectionLimits
{
    public static void Apply(KestrelServerOptions kestrel, TcbPushOptions options)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 1024, gracePeriod: TimeSpan.FromSeconds(5));
        kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
        var perAddress = new PerAddressCount(options.MaxConnectionsPerAddress);
        kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => connection => perAddress.RunAsync(connection, next)));
    }

    private sealed class PerAddressCount(int limit)
    {
        private readonly ConcurrentDictionary<IPAddress, int> open = new();

        public async Task RunAsync(ConnectionContext connection, ConnectionDelegate next)
        {
            if (connection.RemoteEndPoint is not IPEndPoint { Address: var address } || IPAddress.IsLoopback(address))
            {
                await next(connection);
                return;
            }
            if (open.AddOrUpdate(address, 1, (_, count) => count + 1) > limit)
            {
                Release(address);
                connection.Abort(new ConnectionAbortedException("too many connections from one address"));
                return;
            }
            try
            {
                await next(connection);
            }
            finally
            {
                Release(address);
            }
        }

        private void Release(IPAddress address)
        {
            if (open.AddOrUpdate(address, 0, (_, count) => count - 1) <= 0)
            {
                open.TryRemove(new KeyValuePair<IPAddress, int>(address, 0));
            }
        }
    }
}
