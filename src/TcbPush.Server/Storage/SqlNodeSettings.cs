using System.Globalization;

namespace TcbPush.Server.Storage;

/// <summary>The <c>node_settings</c> rows every backend keeps: the readiness probe and the master key's fingerprint.</summary>
internal static class SqlNodeSettings
{
    /// <summary>Commits a small write: the time of the last readiness probe.</summary>
    public static Task WriteReadinessProbeAsync(ISqlDatabase database, DateTimeOffset now) => database.WriteAsync(session => session.ExecuteAsync(
        "INSERT INTO node_settings (name, value) VALUES ('readiness_probe', $1) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        now.ToString("O", CultureInfo.InvariantCulture)));

    /// <summary>Records <paramref name="fingerprint"/> if none is recorded yet; returns the recorded one.</summary>
    public static Task<string> RecordMasterKeyFingerprintAsync(ISqlDatabase database, string fingerprint) => database.WriteAsync(async session =>
    {
        await session.ExecuteAsync("INSERT INTO node_settings (name, value) VALUES ('master_key_fingerprint', $1) ON CONFLICT (name) DO NOTHING", fingerprint);
        var recorded = await session.QueryAsync("SELECT value FROM node_settings WHERE name = 'master_key_fingerprint'", r => r.GetString(0));
        return recorded[0];
    });
}
