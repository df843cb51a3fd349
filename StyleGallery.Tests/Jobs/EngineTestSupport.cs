using StyleGallery.Engine.Jobs;
using StyleGallery.Engine.Runtime;

namespace StyleGallery.Tests.Jobs;

internal static class EngineTestSupport
{
    /// <summary>Only a failure guard: every wait in these tests is on a signal, never on time.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    public static StyleEngine CreateEngine(EngineOptions? options = null) => new(TorchRuntime.Detect(), options);

    public static Task<JobSnapshot> Finished(this JobTicket ticket) => ticket.Completion.WaitAsync(Guard);
}
