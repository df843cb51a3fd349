using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using RabbitMQ.Client;
using StyleGallery.Bench.Servers;
using StyleGallery.Tests.Support;
using Xunit.Abstractions;

namespace StyleGallery.Tests.Cluster;

/// <summary>The test broker itself: reachable as documented, and a durable queue's persistent message survives a restart.</summary>
public sealed class RabbitMqServerTests(ITestOutputHelper output)
{
    [RabbitMqFact]
    public async Task Shared_broker_takes_a_message_and_hands_it_back()
    {
        var server = RabbitMqServer.Shared;
        Assert.Equal("127.0.0.1", server.Host);
        Assert.Equal(new Uri($"amqp://guest:guest@127.0.0.1:{server.Port}/"), server.AmqpUri);
        var queue = "sg-test-" + Guid.NewGuid().ToString("N");

        await using var connection = await new ConnectionFactory { HostName = server.Host, Port = server.Port, UserName = server.Username, Password = server.Password }
            .CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: false, exclusive: true, autoDelete: true);
        await channel.BasicPublishAsync("", queue, Encoding.UTF8.GetBytes("hello"));

        var message = await WaitForMessageAsync(channel, queue);
        Assert.Equal("hello", Encoding.UTF8.GetString(message.Body.Span));
    }

    [RabbitMqFact]
    public async Task Durable_queue_keeps_a_persistent_message_across_a_stop_and_start()
    {
        var clock = Stopwatch.StartNew();
        using var server = RabbitMqServer.StartNew();
        output.WriteLine($"Started in {clock.Elapsed.TotalSeconds:0.0} s on port {server.Port}.");
        var port = server.Port;
        var queue = "sg-durable-" + Guid.NewGuid().ToString("N");
        var factory = new ConnectionFactory { Uri = server.AmqpUri };

        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            // With publisher confirms on, this returns once the broker has the message (written to disk: persistent).
            await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes("survivor"));
        }

        clock.Restart();
        server.Stop();
        output.WriteLine($"Stopped in {clock.Elapsed.TotalSeconds:0.0} s.");
        Assert.False(server.IsRunning);
        using (var probe = new TcpClient())
        {
            var refused = Assert.Throws<SocketException>(() => probe.Connect(IPAddress.Loopback, server.Port));
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        }

        clock.Restart();
        server.Start();
        output.WriteLine($"Started again in {clock.Elapsed.TotalSeconds:0.0} s.");
        Assert.Equal(port, server.Port);
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            var message = await WaitForMessageAsync(channel, queue);
            Assert.Equal("survivor", Encoding.UTF8.GetString(message.Body.Span));
            Assert.True(message.BasicProperties.Persistent);
        }
    }

    /// <summary>basic.get until the queue hands out a message (a just-published or just-recovered one may lag a moment).</summary>
    private static async Task<BasicGetResult> WaitForMessageAsync(IChannel channel, string queue) =>
        (await Eventually.UntilAsync(() => channel.BasicGetAsync(queue, autoAck: true), m => m is not null, $"queue {queue} hands out a message",
            TimeSpan.FromSeconds(10)))!;
}
