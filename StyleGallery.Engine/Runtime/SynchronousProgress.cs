namespace StyleGallery.Engine.Runtime;

/// <summary>Calls back on the reporting thread: <see cref="Progress{T}"/> would post to the thread pool, and jobs report from the engine's own thread.</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
