namespace StyleGallery.Data;

/// <summary>Section <c>StyleGallery:Database</c>: which EF Core provider, and where.</summary>
public sealed record DatabaseSettings
{
    public const string Sqlite = "sqlite";

    public const string PostgreSql = "postgresql";

    /// <summary>The providers this build knows, in the order error messages list them.</summary>
    public static IReadOnlyList<string> Providers { get; } = [Sqlite, PostgreSql];

    /// <summary>
    /// "sqlite" (a file in the data folder, nothing to set up) or "postgresql" (a server; set <see cref="ConnectionString"/>).
    /// Another provider needs its package, a derived context with its own migrations, and a case in <see cref="DatabaseRegistration"/>.
    /// </summary>
    public string Provider { get; init; } = Sqlite;

    /// <summary>Null: <c>Data Source=&lt;DataDirectory&gt;/stylegallery.db</c> (only meaningful for SQLite).</summary>
    public string? ConnectionString { get; init; }

    public string ConnectionStringFor(string dataDirectory) =>
        ConnectionString ?? $"Data Source={Path.Combine(dataDirectory, "stylegallery.db")}";
}
