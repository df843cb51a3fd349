namespace StyleGallery.Web.Data;

/// <summary>Section <c>StyleGallery:Database</c>: which EF Core provider, and where.</summary>
public sealed record DatabaseSettings
{
    public const string Sqlite = "sqlite";

    /// <summary>Only "sqlite" is built in; another provider needs its package and a case in <see cref="DatabaseRegistration"/>.</summary>
    public string Provider { get; init; } = Sqlite;

    /// <summary>Null: <c>Data Source=&lt;DataDirectory&gt;/stylegallery.db</c>.</summary>
    public string? ConnectionString { get; init; }

    public string ConnectionStringFor(string dataDirectory) =>
        ConnectionString ?? $"Data Source={Path.Combine(dataDirectory, "stylegallery.db")}";
}
