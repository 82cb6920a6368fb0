namespace TcbPush.Server.Startup;

/// <summary>Set once storage, seed and demo are in place; <c>/healthz</c> answers 200 only then.</summary>
internal sealed class Readiness
{
    public bool IsReady { get; private set; }

    public void MarkReady() => IsReady = true;
}
