namespace TcbPush.Tests.Operations;

/// <summary>
/// The metrics tests run alone, after the parallel ones: OpenTelemetry listens to meters by name across the process,
/// so while other test servers run, a server's <c>/metrics</c> can report their gauges beside (or instead of) its own.
/// A real server is one per process.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsTestGroup
{
    public const string Name = "metrics";
}
