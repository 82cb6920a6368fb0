namespace TcbPush.Server.Startup;

/// <summary>The configuration cannot be used; each of <see cref="Problems"/> is one line naming a setting.</summary>
public sealed class InvalidConfigurationException : Exception
{
    public InvalidConfigurationException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems)) => Problems = problems;

    public InvalidConfigurationException()
        : this([])
    {
    }

    public InvalidConfigurationException(string message)
        : this([message])
    {
    }

    public InvalidConfigurationException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    public IReadOnlyList<string> Problems { get; }
}
