using System.Text.Json;

namespace TcbPush.Server.Credentials;

/// <summary>
/// A tcb call that has passed SPEC §2's checks 1–6 (<see cref="TcbSurface"/>): who is calling, and the body as a JSON
/// object (<see cref="JsonValueKind.Undefined"/> when an optional body was empty). One per request, filled in before
/// the handler runs; handlers take it as a parameter.
/// </summary>
internal sealed class TcbCall
{
    private Caller? caller;

    public Caller Caller => caller ?? throw new InvalidOperationException("the endpoint is not on the tcb surface: add RequireTcbCaller()");

    /// <summary>The request body; valid until the response has been sent.</summary>
    public JsonElement Body { get; private set; }

    public void Accept(Caller checkedCaller, JsonElement body)
    {
        caller = checkedCaller;
        Body = body;
    }
}
