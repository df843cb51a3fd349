using StyleGallery.Bench.Servers;

namespace StyleGallery.Tests.Support;

/// <summary>A fact that needs the PostgreSQL server: skipped, with a loud reason, where none is installed.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.SkipReason is { } reason) Skip = reason;
    }
}
