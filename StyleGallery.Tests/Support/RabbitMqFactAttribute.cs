using StyleGallery.Bench.Servers;

namespace StyleGallery.Tests.Support;

/// <summary>A fact that needs a RabbitMQ broker (<see cref="RabbitMqServer"/>): skipped, with a loud reason, where none is installed.</summary>
public sealed class RabbitMqFactAttribute : FactAttribute
{
    public RabbitMqFactAttribute()
    {
        if (RabbitMqServer.SkipReason is { } reason) Skip = reason;
    }
}
