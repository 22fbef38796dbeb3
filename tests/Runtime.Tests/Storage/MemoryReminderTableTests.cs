using GitOps.Runtime.Storage;
using GitOps.Runtime.Storage.Memory;
using Microsoft.Extensions.Options;

namespace GitOps.Runtime.Tests.Storage;

public sealed class MemoryReminderTableTests : ReminderTableConformanceTests
{
    protected override Task<IReminderTable> CreateTableAsync() =>
        Task.FromResult<IReminderTable>(new MemoryReminderTable(Options.Create(new GrainRuntimeOptions())));
}
