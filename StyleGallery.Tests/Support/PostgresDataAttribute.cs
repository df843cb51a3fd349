using System.Reflection;
using StyleGallery.Bench.Servers;
using StyleGallery.Data;
using Xunit.Sdk;

namespace StyleGallery.Tests.Support;

/// <summary>
/// The PostgreSQL row of a theory over database providers (beside <c>[InlineData(DatabaseSettings.Sqlite)]</c>):
/// passes "postgresql", and is skipped with a loud reason, leaving the SQLite row to run, where no server is installed.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresDataAttribute : DataAttribute
{
    public PostgresDataAttribute()
    {
        if (PostgresServer.SkipReason is { } reason) Skip = reason;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[DatabaseSettings.PostgreSql]];
}
