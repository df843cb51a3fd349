using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;
using StyleGallery.Engine.Client;

namespace StyleGallery.Cluster.Messaging;

/// <summary>
/// StyleGallery's messages on RabbitMQ, in the shape of eShop's EventBusRabbitMQ: records in, records out, the broker
/// behind. Four routes (names start with <see cref="ClusterSettings.Prefix"/>):
/// <list type="bullet">
/// <item><c>.jobs</c>, a durable queue of persistent <see cref="RunJob"/> messages: each worker takes one at a time and
/// acknowledges it only when the job has ended, so the broker gives a job whose worker died to another worker;</item>
/// <item><c>.interactive</c>, a separate queue for fast pictures and live frames (request and reply through RabbitMQ's
/// direct reply-to), so they never wait behind optimisations;</item>
/// <item><c>.events</c>, a fanout exchange of job states to every web node, each through its own bounded queue;</item>
/// <item><c>.control</c>, a fanout exchange of cancellations to every worker.</item>
/// </list>
/// The connection recovers by itself (RabbitMQ.Client's automatic recovery, queues and consumers included); while the
/// broker is away, sending throws <see cref="EngineUnavailableException"/> so hosts answer "busy, try again".
/// </summary>
public sealed class RabbitMqBus : IAsyncDisposable
{
    private const string DirectReplyTo = "amq.rabbitmq.reply-to";

    private static readonly Dictionary<string, Type> s_messageTypes = new[]
    {
        typeof(RunJob), typeof(CancelJob), typeof(ForgetTrainedStyle), typeof(JobChanged), typeof(JobForgotten), typeof(PaintPhoto), typeof(PaintFrame), typeof(Painted),
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    private readonly ClusterSettings _settings;
    private readonly ILogger _logger;
    private readonly ConnectionFactory _factory;
    private readonly SemaphoreSlim _opening = new(1, 1);
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Painted>> _replies = new(StringComparer.Ordinal);
    private readonly List<IChannel> _consumers = [];
    private IConnection? _connection;
    private IChannel? _publisher;
    private IChannel? _requester;

    public RabbitMqBus(ClusterSettings settings, ILogger<RabbitMqBus> logger)
    {
        _settings = settings;
        _logger = logger;
        _factory = new ConnectionFactory
        {
            Uri = new Uri(settings.Broker),
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(1),
            RequestedHeartbeat = settings.Heartbeat,
            ClientProvidedName = $"stylegallery {Environment.MachineName}:{Environment.ProcessId}",
        };
    }

    public string JobsQueue => _settings.Prefix + ".jobs";
    public string InteractiveQueue => _settings.Prefix + ".interactive";
    public string EventsExchange => _settings.Prefix + ".events";
    public string ControlExchange => _settings.Prefix + ".control";

    /// <summary>Whether the broker connection is up now (health checks).</summary>
    public bool IsConnected => _connection?.IsOpen == true;

    /// <summary>Raised when the connection to the broker drops (a worker hands its job back then).</summary>
    public event Action? ConnectionLost;

    /// <summary>Connects (once; later drops recover by themselves) and declares the routes.</summary>
    /// <exception cref="EngineUnavailableException">The broker cannot be reached.</exception>
    public async Task ConnectAsync(CancellationToken ct = default)
    {
        if (_connection is not null) return;
        await _opening.WaitAsync(ct);
        try
        {
            if (_connection is not null) return;
            var connection = await _factory.CreateConnectionAsync(ct);
            connection.ConnectionShutdownAsync += (_, e) =>
            {
                _logger.LogWarning("Lost the broker connection: {Reason}", e.ReplyText);
                FailPendingReplies();
                ConnectionLost?.Invoke();
                return Task.CompletedTask;
            };
            var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
            await DeclareRoutesAsync(publisher, ct);
            _requester = await OpenRequesterAsync(connection, ct);
            _publisher = publisher;
            _connection = connection;
        }
        catch (Exception e) when (IsBrokerFailure(e))
        {
            throw new EngineUnavailableException(e);
        }
        finally
        {
            _opening.Release();
        }
    }

    /// <summary>Queues a durable job for a worker (persistent, confirmed by the broker before this returns).</summary>
    public Task SendJobAsync(RunJob message, CancellationToken ct = default) => PublishAsync("", JobsQueue, message, persistent: true, ct);

    /// <summary>Tells every web node (best effort: a node that is down reads the job's row when it is back).</summary>
    public Task PublishEventAsync(ClusterMessage message, CancellationToken ct = default) => PublishAsync(EventsExchange, "", message, persistent: false, ct);

    /// <summary>Tells every worker.</summary>
    public Task PublishControlAsync(CancelJob message, CancellationToken ct = default) => PublishAsync(ControlExchange, "", message, persistent: false, ct);

    /// <summary>Tells every worker (best effort: a worker that is down has nothing loaded when it is back).</summary>
    public Task PublishControlAsync(ForgetTrainedStyle message, CancellationToken ct = default) => PublishAsync(ControlExchange, "", message, persistent: false, ct);

    /// <summary>Asks an engine worker to paint now and waits for its answer.</summary>
    /// <exception cref="EngineUnavailableException">The broker is away, or no worker answered within the interactive timeout.</exception>
    public async Task<Painted> AskAsync(ClusterMessage request, CancellationToken ct = default)
    {
        await ConnectAsync(ct);
        var correlation = Guid.NewGuid().ToString("N");
        var reply = new TaskCompletionSource<Painted>(TaskCreationOptions.RunContinuationsAsynchronously);
        _replies[correlation] = reply;
        try
        {
            var properties = Properties(request, persistent: false);
            properties.ReplyTo = DirectReplyTo;
            properties.CorrelationId = correlation;
            // A request nobody took in time is worth nothing: the broker drops it rather than a worker painting it late.
            properties.Expiration = ((long)_settings.InteractiveTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            await SendAsync(_requester!, "", InteractiveQueue, properties, request, ct);
            return await reply.Task.WaitAsync(_settings.InteractiveTimeout, ct);
        }
        catch (TimeoutException e)
        {
            throw new EngineUnavailableException("No painting engine answered in time. Try again in a moment.", e);
        }
        finally
        {
            _replies.TryRemove(correlation, out _);
        }
    }

    /// <summary>
    /// Takes durable jobs one at a time. <paramref name="handle"/> returns true when the job has ended (the message is
    /// acknowledged) or false to hand it back to the queue; its token is cancelled when the connection drops, because
    /// the broker gives the job to another worker then.
    /// </summary>
    public Task ConsumeJobsAsync(Func<RunJob, CancellationToken, Task<bool>> handle, CancellationToken ct = default) =>
        ConsumeAsync(JobsQueue, prefetch: 1, concurrency: 1, async (channel, delivery, message, lost) =>
        {
            var done = await handle((RunJob)message, lost);
            if (done) await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None);
            else await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, CancellationToken.None);
        }, ct);

    /// <summary>Answers interactive requests, <see cref="ClusterSettings.InteractivePerWorker"/> at once.</summary>
    public Task ConsumeInteractiveAsync(Func<ClusterMessage, CancellationToken, Task<Painted>> answer, CancellationToken ct = default) =>
        ConsumeAsync(InteractiveQueue, _settings.InteractivePerWorker, _settings.InteractivePerWorker, async (channel, delivery, message, lost) =>
        {
            var painted = await answer(message, lost);
            if (delivery.BasicProperties.ReplyTo is { } replyTo)
            {
                var properties = Properties(painted, persistent: false);
                properties.CorrelationId = delivery.BasicProperties.CorrelationId;
                await PublishAsync("", replyTo, painted, properties, CancellationToken.None);
            }
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None);
        }, ct);

    /// <summary>Every job event, through this node's own queue (gone with the node; the oldest dropped past the backlog).</summary>
    public Task SubscribeEventsAsync(Func<ClusterMessage, Task> handle, CancellationToken ct = default) =>
        SubscribeAsync(EventsExchange, new Dictionary<string, object?> { ["x-max-length"] = _settings.EventBacklog, ["x-overflow"] = "drop-head" }, handle, ct);

    /// <summary>Every cancellation, through this worker's own queue.</summary>
    public Task SubscribeControlAsync(Func<ClusterMessage, Task> handle, CancellationToken ct = default) => SubscribeAsync(ControlExchange, null, handle, ct);

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _consumers.Append(_requester).Append(_publisher).OfType<IChannel>())
        {
            try { await channel.CloseAsync(); }
            catch (Exception e) when (IsBrokerFailure(e)) { /* closing anyway */ }
            channel.Dispose();
        }
        if (_connection is { } connection)
        {
            try { await connection.CloseAsync(); }
            catch (Exception e) when (IsBrokerFailure(e)) { /* closing anyway */ }
            connection.Dispose();
        }
        _opening.Dispose();
        _publishing.Dispose();
    }

    private async Task DeclareRoutesAsync(IChannel channel, CancellationToken ct)
    {
        await channel.QueueDeclareAsync(JobsQueue, durable: true, exclusive: false, autoDelete: false, arguments: null, cancellationToken: ct);
        await channel.QueueDeclareAsync(InteractiveQueue, durable: true, exclusive: false, autoDelete: false, arguments: null, cancellationToken: ct);
        await channel.ExchangeDeclareAsync(EventsExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: ct);
        await channel.ExchangeDeclareAsync(ControlExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: ct);
    }

    private async Task<IChannel> OpenRequesterAsync(IConnection connection, CancellationToken ct)
    {
        var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var replies = new AsyncEventingBasicConsumer(channel);
        replies.ReceivedAsync += (_, delivery) =>
        {
            if (delivery.BasicProperties.CorrelationId is { } correlation && _replies.TryGetValue(correlation, out var waiting)
                && Deserialize(delivery.BasicProperties.Type, delivery.Body) is Painted painted)
                waiting.TrySetResult(painted);
            return Task.CompletedTask;
        };
        // Direct reply-to needs its consumer, in no-ack mode, on the channel the requests are published from.
        await channel.BasicConsumeAsync(DirectReplyTo, autoAck: true, replies, ct);
        return channel;
    }

    private async Task ConsumeAsync(string queue, ushort prefetch, ushort concurrency,
        Func<IChannel, BasicDeliverEventArgs, ClusterMessage, CancellationToken, Task> handle, CancellationToken ct)
    {
        await ConnectAsync(ct);
        var channel = await _connection!.CreateChannelAsync(new CreateChannelOptions(false, false, consumerDispatchConcurrency: concurrency), ct);
        _consumers.Add(channel);
        await channel.BasicQosAsync(0, prefetch, global: false, ct);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            using var lost = new CancellationTokenSource();
            void Lost() => lost.Cancel();
            ConnectionLost += Lost;
            try
            {
                if (Deserialize(delivery.BasicProperties.Type, delivery.Body) is not { } message)
                {
                    _logger.LogError("Dropped a message of unknown type {Type} from {Queue}", delivery.BasicProperties.Type, queue);
                    await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None);
                    return;
                }
                await handle(channel, delivery, message, lost.Token);
            }
            catch (Exception e) when (IsBrokerFailure(e))
            {
                // The channel went with the connection: the broker has requeued the message already.
                _logger.LogWarning("Could not settle a message from {Queue}: {Message}", queue, e.Message);
            }
            finally
            {
                ConnectionLost -= Lost;
            }
        };
        await channel.BasicConsumeAsync(queue, autoAck: false, consumer, ct);
    }

    private async Task SubscribeAsync(string exchange, IDictionary<string, object?>? arguments, Func<ClusterMessage, Task> handle, CancellationToken ct)
    {
        await ConnectAsync(ct);
        var channel = await _connection!.CreateChannelAsync(cancellationToken: ct);
        _consumers.Add(channel);
        // Server-named, exclusive, deleted with the connection; automatic recovery declares and binds it again.
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true, arguments, cancellationToken: ct);
        await channel.QueueBindAsync(queue.QueueName, exchange, "", cancellationToken: ct);
        // Acknowledged one by one with a bounded prefetch, so a slow node's backlog stays in its bounded queue.
        await channel.BasicQosAsync(0, 64, global: false, ct);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            try
            {
                if (Deserialize(delivery.BasicProperties.Type, delivery.Body) is { } message) await handle(message);
            }
            catch (Exception e) when (!IsBrokerFailure(e))
            {
                _logger.LogError(e, "A subscriber of {Exchange} failed", exchange);
            }
            try { await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None); }
            catch (Exception e) when (IsBrokerFailure(e)) { /* gone with the connection; the queue went too */ }
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: false, consumer, ct);
    }

    private Task PublishAsync(string exchange, string routingKey, ClusterMessage message, bool persistent, CancellationToken ct) =>
        PublishAsync(exchange, routingKey, message, Properties(message, persistent), ct);

    private async Task PublishAsync(string exchange, string routingKey, ClusterMessage message, BasicProperties properties, CancellationToken ct)
    {
        await ConnectAsync(ct);
        await SendAsync(_publisher!, exchange, routingKey, properties, message, ct);
    }

    private async Task SendAsync(IChannel channel, string exchange, string routingKey, BasicProperties properties, ClusterMessage message, CancellationToken ct)
    {
        await _publishing.WaitAsync(ct);
        try
        {
            await channel.BasicPublishAsync(exchange, routingKey, mandatory: false, properties, Serialize(message), ct);
        }
        catch (Exception e) when (IsBrokerFailure(e))
        {
            throw new EngineUnavailableException(e);
        }
        finally
        {
            _publishing.Release();
        }
    }

    private void FailPendingReplies()
    {
        foreach (var waiting in _replies.Values) waiting.TrySetException(new EngineUnavailableException());
    }

    private static BasicProperties Properties(ClusterMessage message, bool persistent) => new()
    {
        Type = message.GetType().Name,
        ContentType = "application/json",
        DeliveryMode = persistent ? DeliveryModes.Persistent : DeliveryModes.Transient,
    };

    private static byte[] Serialize(ClusterMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, message.GetType(), EngineJson.Options);

    private ClusterMessage? Deserialize(string? type, ReadOnlyMemory<byte> body)
    {
        if (type is null || !s_messageTypes.TryGetValue(type, out var messageType)) return null;
        try
        {
            return (ClusterMessage?)JsonSerializer.Deserialize(body.Span, messageType, EngineJson.Options);
        }
        catch (JsonException e)
        {
            _logger.LogError(e, "Dropped an unreadable {Type} message", type);
            return null;
        }
    }

    /// <summary>What the broker being away looks like to the client.</summary>
    internal static bool IsBrokerFailure(Exception e) =>
        e is OperationInterruptedException or BrokerUnreachableException or PublishException or IOException or ObjectDisposedException or ChannelAllocationException;
}
