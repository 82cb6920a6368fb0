using System.Security.Cryptography;
using System.Text;

namespace TcbPush.Server.Secrets;

/// <summary>
/// The install's root secret, from <c>TCBPUSH_MASTER_KEY</c> (base64, shared by every node of one database) or
/// <c>master.key</c> in the data folder, created on first start. Token signing and secret encryption keys derive from it.
/// </summary>
internal sealed class MasterKey
{
    public const string EnvironmentVariable = "TCBPUSH_MASTER_KEY";
    private readonly byte[] key;

    private MasterKey(byte[] key) => this.key = key;

    /// <summary>The key from the environment, else from the data folder (created there on first start); with no data folder (<c>--in-memory</c>), a key for this process only.</summary>
    public static MasterKey Load(string? dataDirectory)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return new MasterKey(Convert.FromBase64String(fromEnvironment.Trim()));
        }
        if (dataDirectory is null)
        {
            return new MasterKey(RandomNumberGenerator.GetBytes(32));
        }
        var path = Path.Combine(dataDirectory, "master.key");
        if (!File.Exists(path))
        {
            PrivateFile.WriteNew(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }
        return new MasterKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }

    /// <summary>
    /// Names the key without revealing it (the first 16 hex digits of a key derived for this purpose alone), so that
    /// the database can record which key its secrets were sealed with.
    /// </summary>
    public string Fingerprint() => Convert.ToHexStringLower(Derive("tcbpush master key fingerprint"))[..16];

    public byte[] Derive(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, key, 32, salt: [], info: Encoding.UTF8.GetBytes(purpose));
}
