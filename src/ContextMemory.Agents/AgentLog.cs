using Microsoft.Extensions.Logging;

namespace ContextMemory.Agents;

/// <summary>The log events of the agent integrations.</summary>
internal static partial class AgentLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = AgentMessages.RecallFailed)]
    public static partial void RecallFailed(ILogger logger, Exception exception, string scope);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = AgentMessages.StoreFailed)]
    public static partial void StoreFailed(ILogger logger, Exception exception, string scope);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = AgentMessages.ExtractionProblems)]
    public static partial void ExtractionProblems(ILogger logger, string scope, string problems);
}
