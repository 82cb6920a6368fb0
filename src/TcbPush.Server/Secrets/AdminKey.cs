using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace TcbPush.Server.Secrets;

/// <summary>
/// The key every <c>/admin/</c> request must bear: <c>--admin-key</c>, else <c>TCBPUSH_ADMIN_KEY</c>, else
/// <c>admin.key</c> in the data folder, generated (and printed once) on first start.
/// </summary>
internal sealed class AdminKey
{
    public const string EnvironmentVariable = "TCBPUSH_ADMIN_KEY";
    private readonly byte[] key;

    private AdminKey(string key, bool generated)
    {
        this.key = Encoding.UTF8.GetBytes(key);
        Generated = generated;
        Value = key;
    }

    /// <summary>True when this start created the key: the one time it is shown.</summary>
    public bool Generated { get; }

    public string Value { get; }

    /// <summary>The given key, else the data folder's, else a new one (stored there unless <paramref name="dataDirectory"/> is null).</summary>
    public static AdminKey Resolve(string? fromFlag, string? dataDirectory)
    {
        var given = string.IsNullOrWhiteSpace(fromFlag) ? Environment.GetEnvironmentVariable(EnvironmentVariable) : fromFlag;
        if (!string.IsNullOrWhiteSpace(given))
        {
            return new AdminKey(given.Trim(), generated: false);
        }
        var created = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
        if (dataDirectory is null)
        {
            return new AdminKey(created, generated: true);
        }
        var path = Path.Combine(dataDirectory, "admin.key");
        if (File.Exists(path))
        {
            return new AdminKey(File.ReadAllText(path).Trim(), generated: false);
        }
        PrivateFile.WriteNew(path, created);
        return new AdminKey(created, generated: true);
    }

    /// <summary>Checks an <c>Authorization</c> header value in constant time.</summary>
    public bool Accepts(string? authorization)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        return Matches(authorization[scheme.Length..].Trim());
    }

    /// <summary>Checks an offered key (the web console's sign-in) in constant time.</summary>
    public bool Matches(string offered) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(offered)), SHA256.HashData(key));
}
