namespace StyleGallery.Cluster;

/// <summary>
/// Section <c>StyleGallery:Cluster</c>: how web nodes and engine workers reach each other through RabbitMQ. Only read
/// when <c>StyleGallery:Engine:Mode</c> is <c>Remote</c> (a web node) and by StyleGallery.Worker; the embedded default
/// never touches a broker.
/// </summary>
public sealed record ClusterSettings
{
    public const string Section = "StyleGallery:Cluster";

    /// <summary>The broker, as an AMQP URI (user, password, host, port, virtual host).</summary>
    public string Broker { get; init; } = "amqp://guest:guest@127.0.0.1:5672/";

    /// <summary>
    /// The first part of every queue and exchange name, so several installations (or test runs) can share one broker.
    /// </summary>
    public string Prefix { get; init; } = "stylegallery";

    /// <summary>
    /// How often the client and the broker check each other. A worker that vanishes without closing its connection (a
    /// machine that loses power) is noticed after about two of these, and its job goes to another worker; a killed
    /// process closes its connection and is noticed at once.
    /// </summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a fast picture or a live frame waits for a worker before the asker hears "busy, try again".</summary>
    public TimeSpan InteractiveTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Interactive requests one worker takes at once; the engine runs them between two steps of a long job, so more
    /// than a couple only makes them wait on one device instead of in the queue where an idle worker could take them.
    /// </summary>
    public ushort InteractivePerWorker { get; init; } = 2;

    /// <summary>
    /// Job events a web node's queue keeps when the node reads them slower than workers send them; the oldest go first,
    /// so a slow node never slows a worker or makes the broker hold more than this.
    /// </summary>
    public int EventBacklog { get; init; } = 10_000;
}
