namespace GitOps.Grains.Controllers.Infrastructure.Events;

/// <summary>The core/v1 Event type: Normal, or Warning for something a user should look at.</summary>
public enum EventType { Normal, Warning }
