using System.Text.Json.Serialization;
using TcbPush.Protocol;

namespace TcbPush.Client;

/// <summary>
/// The body of <c>POST /tcb/setcallbackconfig</c>. A block left null is not sent and stays as it is on the server;
/// a block that is sent replaces that block whole. At least one block is required.
/// </summary>
/// <param name="FunctionConfig">Cloud-function push: whether it is on and which message types go to which function.</param>
/// <param name="ContainerConfig">Container push: whether it is on, the environment, the path and JSON (1) or XML (2).</param>
public sealed record SetCallbackConfigRequest(
    [property: JsonPropertyName("function_config")] FunctionConfig? FunctionConfig = null,
    [property: JsonPropertyName("container_config")] ContainerConfig? ContainerConfig = null);
