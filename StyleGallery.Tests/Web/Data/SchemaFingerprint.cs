using Microsoft.EntityFrameworkCore;

namespace StyleGallery.Tests.Web.Data;

/// <summary>
/// Everything about a database's schema that the app relies on, as comparable lines: the DDL SQLite keeps, or
/// PostgreSQL's columns, indexes and constraints. EF's own bookkeeping tables (<c>__EF…</c>) are left out.
/// </summary>
public static class SchemaFingerprint
{
    private const string Sqlite = """
        SELECT "type" || ' ' || "name" || ' ON ' || "tbl_name" || ': ' || COALESCE("sql", '') FROM "sqlite_master"
        WHERE "tbl_name" NOT LIKE '\_\_EF%' ESCAPE '\' ORDER BY "name"
        """;

    private const string Postgres = """
        SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || COALESCE('(' || character_maximum_length || ')', '')
               || ' ' || is_nullable || COALESCE(' DEFAULT ' || column_default, '') || COALESCE(' IDENTITY ' || identity_generation, '') AS line
        FROM information_schema.columns WHERE table_schema = current_schema() AND table_name NOT LIKE '\_\_EF%'
        UNION ALL
        SELECT 'index ' || indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename NOT LIKE '\_\_EF%'
        UNION ALL
        SELECT 'constraint ' || c.conname || ' ON ' || t.relname || ': ' || pg_get_constraintdef(c.oid)
        FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
        WHERE c.connamespace = current_schema()::regnamespace AND t.relname NOT LIKE '\_\_EF%'
        ORDER BY 1
        """;

    public static IReadOnlyList<string> Of(TestDataFolder data)
    {
        using var db = data.Databases.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = data.IsPostgres ? Postgres : Sqlite;
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read()) lines.Add(reader.GetString(0));
        return lines;
    }
}
