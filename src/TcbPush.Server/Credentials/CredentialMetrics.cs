using System.Diagnostics.Metrics;

namespace TcbPush.Server.Credentials;

/// <summary>The credential service's instruments (SPEC §12): tokens issued, by kind.</summary>
internal sealed class CredentialMetrics
{
    public const string MeterName = "TcbPush.Credentials";
    private readonly Counter<long> issued;

    public CredentialMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        issued = meter.CreateCounter<long>("tcbpush.tokens.issued", "{token}", "Tokens issued, by kind");
    }

    public void Issued(TokenKind kind) => issued.Add(1, new KeyValuePair<string, object?>("kind", kind.ToString().ToLowerInvariant()));
}
