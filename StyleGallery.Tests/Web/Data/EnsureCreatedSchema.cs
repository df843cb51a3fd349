using Microsoft.EntityFrameworkCore;

namespace StyleGallery.Tests.Web.Data;

/// <summary>
/// The schema the app made with <c>EnsureCreated</c> before it had migrations, frozen as the SQL that EnsureCreated
/// ran (captured from the last commit without migrations; the PostgreSQL one from the same model with Npgsql 10.0.3),
/// and a row as that app wrote it. Never regenerate this from the current model: it stands for databases that exist.
/// </summary>
public static class EnsureCreatedSchema
{
    public const string Sqlite = """
        CREATE TABLE "Pictures" (
            "Id" TEXT NOT NULL CONSTRAINT "PK_Pictures" PRIMARY KEY,
            "Kind" TEXT NOT NULL,
            "Owner" TEXT NULL,
            "Status" TEXT NOT NULL,
            "Error" TEXT NULL,
            "ParametersJson" TEXT NOT NULL,
            "Width" INTEGER NOT NULL,
            "Height" INTEGER NOT NULL,
            "Steps" INTEGER NOT NULL,
            "CreatedAt" INTEGER NOT NULL,
            "FinishedAt" TEXT NULL,
            "Published" INTEGER NOT NULL,
            "EngineJobId" TEXT NULL,
            "Styles" TEXT NULL
        );
        CREATE TABLE "UserStyles" (
            "Id" TEXT NOT NULL CONSTRAINT "PK_UserStyles" PRIMARY KEY,
            "Title" TEXT NOT NULL,
            "Artist" TEXT NULL,
            "Owner" TEXT NULL,
            "Width" INTEGER NOT NULL,
            "Height" INTEGER NOT NULL,
            "CreatedAt" INTEGER NOT NULL
        );
        CREATE INDEX "IX_Pictures_Owner_CreatedAt" ON "Pictures" ("Owner", "CreatedAt");
        CREATE INDEX "IX_Pictures_Published_CreatedAt" ON "Pictures" ("Published", "CreatedAt");
        """;

    public const string Postgres = """
        CREATE TABLE "Pictures" (
            "Id" character varying(22) NOT NULL,
            "Kind" character varying(16) NOT NULL,
            "Owner" text,
            "Status" character varying(16) NOT NULL,
            "Error" text,
            "ParametersJson" text NOT NULL,
            "Width" integer NOT NULL,
            "Height" integer NOT NULL,
            "Steps" integer NOT NULL,
            "CreatedAt" bigint NOT NULL,
            "FinishedAt" timestamp with time zone,
            "Published" boolean NOT NULL,
            "EngineJobId" text,
            "Styles" jsonb,
            CONSTRAINT "PK_Pictures" PRIMARY KEY ("Id")
        );
        CREATE TABLE "UserStyles" (
            "Id" text NOT NULL,
            "Title" character varying(80) NOT NULL,
            "Artist" character varying(80),
            "Owner" text,
            "Width" integer NOT NULL,
            "Height" integer NOT NULL,
            "CreatedAt" bigint NOT NULL,
            CONSTRAINT "PK_UserStyles" PRIMARY KEY ("Id")
        );
        CREATE INDEX "IX_Pictures_Owner_CreatedAt" ON "Pictures" ("Owner", "CreatedAt");
        CREATE INDEX "IX_Pictures_Published_CreatedAt" ON "Pictures" ("Published", "CreatedAt");
        """;

    /// <summary>The picture <see cref="InsertOldPicture"/> writes.</summary>
    public const string OldPictureId = "OldPicture_0123456789a";

    public static readonly DateTimeOffset OldPictureCreated = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    /// <summary>Makes the old schema in the (empty) database of <paramref name="data"/>.</summary>
    public static void Create(TestDataFolder data) => Execute(data, data.IsPostgres ? Postgres : Sqlite);

    /// <summary>A finished, published picture with two styles, as the app before migrations stored it.</summary>
    public static void InsertOldPicture(TestDataFolder data)
    {
        var (published, finished, styles) = data.IsPostgres
            ? ("TRUE", "TIMESTAMPTZ '2025-03-04 05:07:00+00'", "'[{\"StyleId\":\"udnie\",\"Weight\":0.75},{\"StyleId\":\"wave\",\"Weight\":0.25}]'::jsonb")
            : ("1", "'2025-03-04 05:07:00+00:00'", "'[{\"StyleId\":\"udnie\",\"Weight\":0.75},{\"StyleId\":\"wave\",\"Weight\":0.25}]'");
        Execute(data, $$"""
            INSERT INTO "Pictures" ("Id", "Kind", "Owner", "Status", "Error", "ParametersJson", "Width", "Height", "Steps", "CreatedAt", "FinishedAt", "Published", "EngineJobId", "Styles")
            VALUES ('{{OldPictureId}}', 'Optimise', 'old-owner', 'Succeeded', NULL, '{"MaxSide":64}', 64, 48, 7, {{OldPictureCreated.UtcTicks}}, {{finished}}, {{published}}, NULL, {{styles}});
            """);
    }

    /// <summary>Runs SQL on the connection itself (EF's raw SQL would read the JSON braces as parameter holes).</summary>
    public static void Execute(TestDataFolder data, string sql)
    {
        using var db = data.Databases.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
