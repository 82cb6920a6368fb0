using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace TcbPush.Server.Console;

/// <summary>
/// Where the console's data-protection keys (session cookie, anti-forgery tokens) live: in memory only. Nothing is
/// written to disk (not even to <c>~/.aspnet</c>), and a restart signs everyone out.
/// </summary>
internal sealed class ConsoleKeyRing : IXmlRepository
{
    private readonly Lock gate = new();
    private readonly List<XElement> keys = [];

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (gate)
        {
            return keys.Select(key => new XElement(key)).ToList();
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (gate)
        {
            keys.Add(new XElement(element));
        }
    }
}
