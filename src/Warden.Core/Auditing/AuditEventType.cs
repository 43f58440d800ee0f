namespace Warden.Auditing;

/// <summary>What kind of event an audit record is.</summary>
public enum AuditEventType
{
    /// <summary>A tool call that was allowed (and ran), or refused for a reason that is not a violation.</summary>
    ToolCall,

    /// <summary>A user prompt arriving.</summary>
    UserInput,

    /// <summary>A tool that failed or timed out, or a stage that failed.</summary>
    Error,

    /// <summary>An action refused by a security rule: detection, sanitation, authorization, data flow.</summary>
    SecurityViolation,

    /// <summary>An action held for, granted or refused by a person.</summary>
    Approval,

    /// <summary>The running policy changed.</summary>
    PolicyChange,

    /// <summary>Unusual behaviour noticed by anomaly detection.</summary>
    Anomaly,
}
