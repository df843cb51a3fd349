using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StyleGallery.Data;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests.Web.Data;

/// <summary>Data Protection keys live in the database, so another app instance, or the app after a restart, can unprotect.</summary>
[Collection(TorchCollection.Name)]
public sealed class DataProtectionKeyTests
{
    [Theory]
    [InlineData(DatabaseSettings.Sqlite)]
    [PostgresData]
    public async Task A_payload_protected_by_one_instance_is_unprotected_by_another_on_the_same_database(string provider)
    {
        using var data = new TestDataFolder(provider);
        string protectedPayload;
        using (var first = data.NewServices())
        {
            protectedPayload = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("tests").Protect("a secret");
        }

        using var second = data.NewServices();
        var unprotected = second.GetRequiredService<IDataProtectionProvider>().CreateProtector("tests").Unprotect(protectedPayload);

        Assert.Equal("a secret", unprotected);
        await using var db = await data.Databases.CreateDbContextAsync();
        var key = Assert.Single(await db.DataProtectionKeys.ToListAsync());
        Assert.Contains("<key ", key.Xml);
    }

    [Fact]
    public void The_application_name_is_fixed_rather_than_the_content_root()
    {
        using var data = new TestDataFolder();

        var options = data.Provider.GetRequiredService<IOptions<DataProtectionOptions>>().Value;

        Assert.Equal(DatabaseRegistration.DataProtectionApplicationName, options.ApplicationDiscriminator);
    }

    /// <summary>Data Protection reads its key ring at start; on a new database the tables must be there by then.</summary>
    [Fact]
    public async Task The_real_app_migrates_the_database_before_Data_Protection_starts()
    {
        await using var app = new StyleGalleryAppFactory();

        var started = app.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToList();

        var migration = started.IndexOf(nameof(DatabaseStartup));
        var dataProtection = started.IndexOf("DataProtectionHostedService");
        Assert.True(migration >= 0 && dataProtection > migration, "Hosted services in start order: " + string.Join(", ", started));
    }
}
