namespace StyleGallery.Tests.Support;

/// <summary>
/// The one way a test waits for something it cannot await: another process (the web app, a database), a file a
/// background service deletes, an HTTP status. It asks again every <c>interval</c> until the answer is the awaited one,
/// and a wait that runs out fails with what was awaited, for how long, and the last answer seen, never a bare timeout.
/// Where the code under test raises an event (a job's end, a progress report), wait on that event instead.
/// </summary>
public static class Eventually
{
    /// <summary>Long enough for a job on a loaded 2-core machine; a test that needs more says so.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Returns once <paramref name="condition"/> holds.</summary>
    /// <param name="what">What is awaited, as the end of "Timed out waiting until …".</param>
    /// <exception cref="TimeoutException">It did not hold within <paramref name="timeout"/>.</exception>
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null, TimeSpan? interval = null) =>
        UntilAsync(() => Task.FromResult(condition()), held => held, what, timeout, interval);

    /// <inheritdoc cref="TrueAsync(Func{bool}, string, TimeSpan?, TimeSpan?)"/>
    public static Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, TimeSpan? interval = null) =>
        UntilAsync(condition, held => held, what, timeout, interval);

    /// <summary>
    /// Asks <paramref name="probe"/> until <paramref name="done"/> holds for its answer, and returns that answer.
    /// An exception from the probe ends the wait at once (a process that exited is no reason to keep asking).
    /// </summary>
    /// <exception cref="TimeoutException">No answer was the awaited one within <paramref name="timeout"/>.</exception>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var answer = await probe();
            if (done(answer)) return answer;
            if (clock.Elapsed >= limit)
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#} s waiting until {what}; the last answer was {Describe(answer)}.");
            await Task.Delay(interval ?? DefaultInterval);
        }
    }

    private static string Describe<T>(T answer) => answer switch
    {
        null => "null",
        bool held => held ? "true" : "false",
        _ => answer.ToString() ?? "",
    };
}
