namespace SecureApi.Monitoring.Detection;

/// <summary>What a detector hands its detections to (the alert and the block); a seam so a detector can be tested alone.</summary>
internal interface IAnomalyResponder
{
    /// <summary>Responds to <paramref name="detection"/>; <paramref name="cause"/> is the event that crossed the threshold, when one did.</summary>
    void Respond(Detection detection, SecurityEvent? cause, Microsoft.AspNetCore.Http.HttpContext? context);
}
