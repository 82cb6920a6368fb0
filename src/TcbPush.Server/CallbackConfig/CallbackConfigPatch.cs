using TcbPush.Protocol;

namespace TcbPush.Server.CallbackConfig;

/// <summary>A validated setcallbackconfig request: each present block replaces that block whole.</summary>
internal sealed record CallbackConfigPatch(FunctionConfig? Function, ContainerConfig? Container)
{
    public CallbackConfiguration ApplyTo(CallbackConfiguration current) =>
        new(Function ?? current.FunctionConfig, Container ?? current.ContainerConfig);

    /// <summary>Every environment the patch names that must be registered, with the field that names it.</summary>
    public IEnumerable<(string Field, string Env)> RequiredEnvironments()
    {
        if (Function is not null)
        {
            for (var i = 0; i < Function.Callbacks.Count; i++)
            {
                yield return ($"callbacks[{i}].env", Function.Callbacks[i].Env);
            }
        }
        if (Container is { Enable: true })
        {
            yield return ("container_config.qbase_env", Container.QbaseEnv);
        }
    }
}
