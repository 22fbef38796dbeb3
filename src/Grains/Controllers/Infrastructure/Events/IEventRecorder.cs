using GitOps.Model.Objects;

namespace GitOps.Grains.Controllers.Infrastructure.Events;

/// <summary>
/// Records core/v1 Event objects about an object, as Kubernetes' EventRecorder does. How to use: inject
/// <see cref="IEventRecorder"/> and call <c>Record("deployment-controller", deployment, EventType.Normal,
/// "ScalingReplicaSet", "Scaled up replica set web-5d9 to 3")</c>. It returns at once: events are queued and
/// written in the background through the Event's resource grain; a repeat of the same involved object,
/// type, reason and message raises <c>count</c> and <c>lastTimestamp</c> of the existing Event instead of
/// creating another. Events are best effort: when the queue is full they are dropped and logged.
/// </summary>
public interface IEventRecorder
{
    void Record(string component, KubeObject involved, EventType type, string reason, string message);
}
