using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Bench.Servers;
using StyleGallery.Data;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Fast;
using StyleGallery.Engine.Imaging;
using StyleGallery.Engine.Jobs;
using StyleGallery.Tests.Support;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Owners;
using StyleGallery.Web.Services.Pictures;

namespace StyleGallery.Tests.Web.Data;

/// <summary>Pictures outlive the process: the real app and engine, stopped and started again on the same data folder.</summary>
[Collection(TorchCollection.Name)]
public sealed class PersistenceTests : IAsyncLifetime
{
    private const string Owner = "Owner-Token_012345678a";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sg-restart-" + Guid.NewGuid().ToString("N"));

    private string? _postgresDatabase;

    [Fact]
    public async Task A_finished_optimisation_is_served_from_the_database_and_files_after_a_restart()
    {
        string id;
        await using (var first = StyleGalleryAppFactory.Over(_folder, keepData: true))
        {
            using var client = ClientWithCookie(first);
            id = await CreateJobAsync(client, iterations: 3);
            await WaitForRecordAsync(first, id, PictureStatus.Succeeded);
            var record = await first.Services.GetRequiredService<PictureArchive>().FindAsync(id);
            Assert.Equal((Owner, PictureKind.Optimise, 64, 48, 3), (record!.Owner, record.Kind, record.Width, record.Height, record.Steps));
            Assert.Equal(["udnie"], record.Styles.Select(s => s.StyleId));
        }

        await using var second = StyleGalleryAppFactory.Over(_folder, keepData: true);
        using var later = second.CreateClient();
        var status = await later.GetFromJsonAsync<StatusDto>($"/api/jobs/{id}");
        var png = ImageDecoder.Decode(await later.GetByteArrayAsync($"/api/jobs/{id}/result.png"));
        var jpeg = await later.GetAsync($"/results/{id}.jpg");
        var content = await later.GetAsync($"/results/{id}.content.jpg");
        var page = await later.GetStringAsync($"/r/{id}");

        Assert.Equal(("Succeeded", 3), (status!.Status, status.Step));
        Assert.Equal((64, 48), (png.Width, png.Height));
        Assert.Equal("image/jpeg", jpeg.Content.Headers.ContentType?.MediaType);
        Assert.Equal((64, 48), ImageDecoder.Decode(await jpeg.Content.ReadAsByteArrayAsync()) is var j ? (j.Width, j.Height) : default);
        Assert.Equal(HttpStatusCode.OK, content.StatusCode);
        Assert.Contains("How it was made", page);
        Assert.Contains($"/results/{id}.jpg", page);
    }

    /// <summary>Also the whole app on PostgreSQL: it migrates a new database at start and finds its rows after a restart.</summary>
    [Theory]
    [InlineData(DatabaseSettings.Sqlite)]
    [PostgresData]
    public async Task A_picture_left_running_by_a_dead_process_is_failed_with_a_message_on_the_next_start(string provider)
    {
        var database = DatabaseSettingsFor(provider);
        var running = TestDataFolder.NewPicture(Owner, PictureStatus.Running);
        await using (var first = StyleGalleryAppFactory.Over(_folder, keepData: true, database))
        {
            await first.Services.GetRequiredService<PictureArchive>().AddAsync(running);
        }

        await using var second = StyleGalleryAppFactory.Over(_folder, keepData: true, database);
        using var client = second.CreateClient();
        var status = await client.GetFromJsonAsync<StatusDto>($"/api/jobs/{running.Id}");
        var page = await client.GetStringAsync($"/r/{running.Id}");

        Assert.Equal(("Failed", "The server restarted while this picture was being painted."), (status!.Status, status.Error));
        Assert.Contains("The server restarted while this picture was being painted.", page);
    }

    [Fact]
    public async Task A_browser_at_its_limit_of_running_optimisations_gets_429_and_others_do_not()
    {
        await using var app = StyleGalleryAppFactory.Over(_folder, keepData: true, OneOptimisationEach);
        using var mine = ClientWithCookie(app);
        using var anonymous = app.CreateClient();
        await CreateJobAsync(mine, iterations: 50_000);

        using var refused = await mine.PostAsync("/api/jobs", Form(iterations: 1));
        using var accepted = await anonymous.PostAsync("/api/jobs", Form(iterations: 1));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("You already have 1 picture being painted; wait for one to finish or cancel it.", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    [Fact]
    public async Task After_a_restart_the_optimisations_that_run_again_still_count_towards_their_browser_s_limit()
    {
        await using (var first = StyleGalleryAppFactory.Over(_folder, keepData: true, OneOptimisationEach))
        {
            using var client = ClientWithCookie(first);
            await CreateJobAsync(client, iterations: 50_000);
        } // a stop on purpose leaves the job to the next start

        await using var second = StyleGalleryAppFactory.Over(_folder, keepData: true, OneOptimisationEach);
        using var mine = ClientWithCookie(second);
        using var refused = await mine.PostAsync("/api/jobs", Form(iterations: 1));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    private static readonly Dictionary<string, string> OneOptimisationEach = new() { ["StyleGallery:MaxConcurrentJobsPerOwner"] = "1" };

    [Fact]
    public async Task The_first_page_request_gets_an_httponly_lax_owner_cookie()
    {
        await using var app = StyleGalleryAppFactory.Over(_folder, keepData: true);
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/mine");
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await client.SendAsync(request);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(OwnerToken.CookieName + "=", StringComparison.Ordinal));
        var value = Uri.UnescapeDataString(cookie.Split(';')[0][(OwnerToken.CookieName.Length + 1)..]);
        Assert.False(OwnerToken.IsValid(value)); // the bare token never travels
        Assert.True(OwnerToken.IsValid(OwnerToken.FromCookie(app.Services, value)));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Owner-Token_012345678a")] // a well-formed bare token, as someone planting one would set it
    [InlineData("CfDJ8tampered")]
    public async Task A_cookie_the_app_did_not_issue_names_no_owner_and_the_browser_gets_its_own(string planted)
    {
        await using var app = StyleGalleryAppFactory.Over(_folder, keepData: true);
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/mine");
        request.Headers.Accept.ParseAdd("text/html");
        request.Headers.Add("Cookie", $"{OwnerToken.CookieName}={planted}");

        using var response = await client.SendAsync(request);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(OwnerToken.CookieName + "=", StringComparison.Ordinal));
        var issued = OwnerToken.FromCookie(app.Services, Uri.UnescapeDataString(cookie.Split(';')[0][(OwnerToken.CookieName.Length + 1)..]));
        Assert.True(OwnerToken.IsValid(issued));
        Assert.NotEqual(planted, issued);
        Assert.Null(OwnerToken.FromCookie(app.Services, planted));
    }

    [Fact]
    public async Task A_fast_picture_is_recorded_with_its_owner_its_photo_and_its_look()
    {
        await using var app = StyleGalleryAppFactory.Over(_folder, keepData: true);
        var photo = ImageEncoder.Encode(RgbImage.Filled(60, 40, 200, 120, 40), EncodedFormat.Jpeg);

        var result = await app.Services.GetRequiredService<IQuickStyleService>().StylizeAsync(photo, "udnie", new FastStyleOptions { Strength = 0.7, PreserveColors = true }, Owner, CancellationToken.None);

        var record = await app.Services.GetRequiredService<PictureArchive>().FindAsync(result.Id);
        Assert.Equal((PictureKind.Fast, PictureStatus.Succeeded, Owner, 60, 40), (record!.Kind, record.Status, record.Owner, record.Width, record.Height));
        Assert.Null(record.EngineJobId); // an interactive picture is no durable job: nothing to look up later
        Assert.NotNull(app.Services.GetRequiredService<ResultStore>().FindContent(result.Id));
        var look = PictureParameters.FastFrom(record.ParametersJson)!;
        Assert.Equal((0.7, true), (look.Strength, look.PreserveColors));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(50_000)] // still running when deleted; within a browser's budget of engine time (JobBudgetSettings)
    public async Task A_deleted_optimisation_finished_or_running_is_gone_from_every_url_and_the_engine(int iterations)
    {
        await using var app = StyleGalleryAppFactory.Over(_folder, keepData: true);
        using var client = ClientWithCookie(app);
        var id = await CreateJobAsync(client, iterations);
        await WaitForRecordAsync(app, id, iterations == 3 ? PictureStatus.Succeeded : PictureStatus.Running);
        var engine = app.Services.GetRequiredService<IStyleEngineClient>();
        // Served before, so the 404s below are the deletion's doing.
        var served = iterations == 3 ? $"/api/jobs/{id}/result.png" : $"/api/jobs/{id}";
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(served)).StatusCode);

        Assert.True(await app.Services.GetRequiredService<PictureOwnership>().DeleteAsync(id, Owner));
        await Eventually.UntilAsync(() => engine.GetAsync(id), state => state is null, $"the engine forgets {id}");

        foreach (var url in new[] { $"/api/jobs/{id}", $"/api/jobs/{id}/result.png", $"/jobs/{id}/preview.png", $"/results/{id}.png", $"/results/{id}.jpg" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        Assert.Null(await engine.PreviewAsync(id));
        Assert.DoesNotContain(await app.Services.GetRequiredService<IJobStore>().UnfinishedAsync(), j => j.Id == id);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<StyleGalleryDb>>().CreateDbContextAsync();
        Assert.False(db.Jobs.Any(j => j.Id == id));
        Assert.Null(app.Services.GetRequiredService<ResultStore>().Find(id));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        if (_postgresDatabase is not null) PostgresServer.Shared.DropDatabase(_postgresDatabase);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The app's database settings for <paramref name="provider"/>: the default SQLite file, or a new PostgreSQL database.</summary>
    private Dictionary<string, string> DatabaseSettingsFor(string provider)
    {
        if (provider != DatabaseSettings.PostgreSql) return [];
        _postgresDatabase = PostgresServer.Shared.CreateDatabase();
        return new() { ["StyleGallery:Database:Provider"] = provider, ["StyleGallery:Database:ConnectionString"] = _postgresDatabase };
    }

    private static HttpClient ClientWithCookie(StyleGalleryAppFactory app)
    {
        // The factory's own cookie handler would replace a hand-set Cookie header.
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", $"{OwnerToken.CookieName}={OwnerToken.CookieValue(app.Services, Owner)}");
        return client;
    }

    private static async Task<string> CreateJobAsync(HttpClient client, int iterations)
    {
        using var created = await client.PostAsync("/api/jobs", Form(iterations));
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<Created>())!.Id;
    }

    private static Task WaitForRecordAsync(StyleGalleryAppFactory app, string id, PictureStatus status)
    {
        var pictures = app.Services.GetRequiredService<PictureArchive>();
        return Eventually.UntilAsync(() => pictures.FindAsync(id), picture => picture?.Status == status, $"the picture {id} is {status}");
    }

    private static MultipartFormDataContent Form(int iterations) => new()
    {
        { new ByteArrayContent(ImageEncoder.Encode(RgbImage.Filled(80, 60, 30, 90, 160), EncodedFormat.Png)), "photo", "photo.png" },
        { new StringContent("udnie"), "style" },
        { new StringContent("64"), "maxSide" },
        { new StringContent(iterations.ToString(CultureInfo.InvariantCulture)), "iterations" },
    };

    private sealed record Created(string Id);

    private sealed record StatusDto(string Status, int Step, string? Error);
}
