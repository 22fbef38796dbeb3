namespace GitOps.Runtime.Reminders;

/// <summary>A registered reminder as a grain sees it; the ETag is the row version it was read or written at.</summary>
internal sealed record GrainReminder(string ReminderName, string? ETag) : IGrainReminder;
