using TcbPush.Protocol;

namespace TcbPush.Server.Wire;

/// <summary>A value or the WeChat error that stopped a step; steps return these instead of throwing.</summary>
internal readonly struct Result<T>
{
    private readonly T? value;

    public Result(T value) => this.value = value;

    public Result(WeChatError error) => Error = error;

    public WeChatError? Error { get; }

    public T Value => Error is null ? value! : throw new InvalidOperationException($"result holds error {Error}");

    public static implicit operator Result<T>(T value) => new(value);

    public static implicit operator Result<T>(WeChatError error) => new(error);
}
