namespace TcbPush.Server.Component;

/// <summary>
/// A component API call that has passed its checks in SPEC §2's order (<see cref="ComponentSurface"/>): its body's
/// fields. One per request, filled in before the handler runs; handlers take it as a parameter.
/// </summary>
internal sealed class ComponentCall
{
    private ComponentRequest? request;

    public ComponentRequest Request => request ?? throw new InvalidOperationException("the endpoint is not on the component surface: add RequireComponentCaller()");

    public void Accept(ComponentRequest checkedRequest) => request = checkedRequest;
}
