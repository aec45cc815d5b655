namespace SecureApi.AiGuards;

/// <summary>
/// A streamed answer held data the output firewall's policy refuses (<c>SecureApi:OutputFilter</c>, action
/// <c>Refuse</c>): the stream stops there. The message names no value; the finding was counted and raised as an event.
/// </summary>
public sealed class ModelOutputWithheldException : Exception
{
    public ModelOutputWithheldException()
        : base("The model's answer was withheld by the output firewall.")
    {
    }

    public ModelOutputWithheldException(string message)
        : base(message)
    {
    }

    public ModelOutputWithheldException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
