using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using StyleGallery.Data;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Web.Data;

/// <summary>Databases made by <c>EnsureCreated</c>, before there were migrations, are taken over with their rows.</summary>
public sealed class AdoptionTests
{
    [Theory]
    [InlineData(DatabaseSettings.Sqlite)]
    [PostgresData]
    public async Task A_database_made_by_EnsureCreated_is_adopted_at_start_and_keeps_its_pictures(string provider)
    {
        using var data = new TestDataFolder(provider, migrate: false);
        EnsureCreatedSchema.Create(data);
        EnsureCreatedSchema.InsertOldPicture(data);

        await new DatabaseStartup(data.Databases, NullLogger<DatabaseStartup>.Instance).StartAsync(CancellationToken.None);

        var old = await data.Pictures.FindAsync(EnsureCreatedSchema.OldPictureId);
        Assert.NotNull(old);
        Assert.Equal(("old-owner", PictureKind.Optimise, PictureStatus.Succeeded, true, EnsureCreatedSchema.OldPictureCreated), (old.Owner, old.Kind, old.Status, old.Published, old.CreatedAt));
        Assert.Equal([("udnie", 0.75), ("wave", 0.25)], old.Styles.Select(s => (s.StyleId, s.Weight)));
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 5, 7, 0, TimeSpan.Zero), old.FinishedAt);
        await using var db = await data.Databases.CreateDbContextAsync();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        var added = TestDataFolder.NewPicture("new-owner");
        await data.Pictures.AddAsync(added);
        Assert.Equal([added.Id], (await data.Pictures.ListByOwnerAsync("new-owner")).Select(p => p.Id));
    }

    /// <summary>Adoption records Initial as applied without running it, so Initial must keep making exactly that schema.</summary>
    [Theory]
    [InlineData(DatabaseSettings.Sqlite)]
    [PostgresData]
    public async Task The_initial_migration_makes_exactly_the_schema_EnsureCreated_made(string provider)
    {
        using var old = new TestDataFolder(provider, migrate: false);
        using var migrated = new TestDataFolder(provider, migrate: false);
        EnsureCreatedSchema.Create(old);

        await using (var db = await migrated.Databases.CreateDbContextAsync())
        {
            await db.GetService<IMigrator>().MigrateAsync(PreMigrationDatabase.InitialMigrationId(db));
        }

        Assert.Equal(SchemaFingerprint.Of(old), SchemaFingerprint.Of(migrated));
        Assert.NotEmpty(SchemaFingerprint.Of(old));
    }

    [Theory]
    [InlineData(DatabaseSettings.Sqlite)]
    [PostgresData]
    public async Task Adopting_records_only_the_initial_migration_and_migrate_applies_the_rest(string provider)
    {
        using var data = new TestDataFolder(provider, migrate: false);
        EnsureCreatedSchema.Create(data);
        await using var db = await data.Databases.CreateDbContextAsync();

        var adopted = await PreMigrationDatabase.AdoptAsync(db);
        var appliedBefore = await db.Database.GetAppliedMigrationsAsync();
        var outcome = await DatabaseMigration.MigrateAsync(db);

        Assert.Equal(PreMigrationDatabase.InitialMigrationId(db), adopted);
        Assert.Equal([adopted], appliedBefore);
        Assert.Null(outcome.AdoptedAt);
        Assert.Equal(db.Database.GetMigrations().Skip(1), outcome.Applied);
    }

    [Fact]
    public async Task A_database_with_only_some_of_the_old_tables_is_refused_with_a_clear_message()
    {
        using var data = new TestDataFolder(migrate: false);
        EnsureCreatedSchema.Execute(data, """CREATE TABLE "Pictures" ("Id" TEXT NOT NULL PRIMARY KEY);""");
        await using var db = await data.Databases.CreateDbContextAsync();

        var e = await Assert.ThrowsAsync<DatabaseConfigurationException>(() => DatabaseMigration.MigrateAsync(db));

        Assert.Contains("has the table(s) Pictures but not UserStyles", e.Message);
    }

    [Fact]
    public async Task A_database_with_other_tables_only_is_migrated_from_the_start_not_adopted()
    {
        using var data = new TestDataFolder(migrate: false);
        EnsureCreatedSchema.Execute(data, """CREATE TABLE "SomethingElse" ("Id" INTEGER NOT NULL PRIMARY KEY);""");
        await using var db = await data.Databases.CreateDbContextAsync();

        var outcome = await DatabaseMigration.MigrateAsync(db);

        Assert.Null(outcome.AdoptedAt);
        Assert.Equal(db.Database.GetMigrations(), outcome.Applied);
    }
}
