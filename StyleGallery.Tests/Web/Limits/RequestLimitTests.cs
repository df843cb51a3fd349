using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StyleGallery.Tests.Support;
using StyleGallery.Web.Hubs;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Limits;

namespace StyleGallery.Tests.Web.Limits;

/// <summary>
/// Bounded bodies and messages and a disk that keeps room (issue 18 point 6): a body over the limit is 413 with a
/// problem, never 500; Kestrel, forms, the job hub and Blazor circuits carry the configured limits; new work is refused
/// with a message while the data disk is nearly full.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class RequestLimitTests(StyleGalleryAppFactory app) : IClassFixture<StyleGalleryAppFactory>
{
    [Fact]
    public async Task A_body_over_the_limit_is_413_with_a_problem()
    {
        await using var site = app.WithWebHostBuilder(b => b.UseSetting("StyleGallery:RequestLimits:MaxRequestBodyBytes", "65536"));
        using var client = site.CreateClient();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(new byte[100_000]), "photo", "photo.jpg" },
            { new StringContent("candy"), "style" },
        };

        using var response = await client.PostAsync("/api/jobs", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Contains("larger than this app accepts", problem!.Detail);
    }

    [Fact]
    public void Kestrel_forms_the_hub_and_circuits_carry_the_configured_limits()
    {
        using var site = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("StyleGallery:RequestLimits:MaxRequestBodyBytes", "1234567");
            b.UseSetting("StyleGallery:RequestLimits:HubMaxReceiveMessageBytes", "2048");
            b.UseSetting("StyleGallery:RequestLimits:CircuitMaxReceiveMessageBytes", "40000");
            b.UseSetting("StyleGallery:RequestLimits:DisconnectedCircuitMaxRetained", "7");
            b.UseSetting("StyleGallery:RequestLimits:MaxBufferedUnacknowledgedRenderBatches", "5");
        });
        var services = site.Services;

        Assert.Equal(1234567, services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBodySize);
        var form = services.GetRequiredService<IOptions<FormOptions>>().Value;
        Assert.Equal((1234567L, 4096, 32), (form.MultipartBodyLengthLimit, form.ValueLengthLimit, form.ValueCountLimit));
        Assert.Equal(2048, services.GetRequiredService<IOptions<HubOptions<JobsHub>>>().Value.MaximumReceiveMessageSize);
        var circuit = services.GetRequiredService<IOptions<CircuitOptions>>().Value;
        Assert.Equal((7, 5), (circuit.DisconnectedCircuitMaxRetained, circuit.MaxBufferedUnacknowledgedRenderBatches));
        Assert.Equal(40000, CircuitHubOptions(services).MaximumReceiveMessageSize);
    }

    [Fact]
    public void The_default_body_limit_fits_the_largest_photo_and_its_form()
    {
        var web = new StyleGalleryWebOptions();

        Assert.Equal(web.MaxUploadBytes + 1024 * 1024, new RequestLimitSettings().RequestBodyBytes(web));
    }

    [Fact]
    public async Task A_job_is_refused_with_a_message_while_the_disk_is_nearly_full()
    {
        await using var site = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IFreeSpaceProbe>(new FixedFreeSpace(500L * 1024 * 1024))));
        using var client = site.CreateClient();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent([1, 2, 3]), "photo", "photo.jpg" },
            { new StringContent("candy"), "style" },
        };

        using var response = await client.PostAsync("/api/jobs", form);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(DiskSpaceGuard.RetryAfter, response.Headers.RetryAfter?.Delta);
        Assert.Equal(DiskSpaceGuard.Message, (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Theory]
    [InlineData(2L * 1024 * 1024 * 1024, false)]
    [InlineData(1024L * 1024 * 1024, false)]
    [InlineData(1024L * 1024 * 1024 - 1, true)]
    public void The_guard_refuses_below_the_minimum_free_space(long free, bool refused)
    {
        var guard = new DiskSpaceGuard(new FixedFreeSpace(free), new StyleGalleryWebOptions { DataDirectory = Path.GetTempPath() },
            new RequestLimitSettings(), NullLogger<DiskSpaceGuard>.Instance);

        var thrown = Record.Exception(guard.EnsureRoom);

        Assert.Equal(refused, thrown is EngineBusyException);
        if (!refused) Assert.Null(thrown);
    }

    [Fact]
    public void The_real_probe_reads_the_data_folders_disk()
    {
        Assert.True(new DriveFreeSpaceProbe().FreeBytes(Path.GetTempPath()) > 0);
    }

    /// <summary>The Blazor hub's options: its hub type is internal to the framework.</summary>
    private static HubOptions CircuitHubOptions(IServiceProvider services)
    {
        var hub = typeof(CircuitOptions).Assembly.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub", throwOnError: true)!;
        var options = services.GetRequiredService(typeof(IOptions<>).MakeGenericType(typeof(HubOptions<>).MakeGenericType(hub)));
        return (HubOptions)options.GetType().GetProperty(nameof(IOptions<HubOptions>.Value))!.GetValue(options)!;
    }

    private sealed class FixedFreeSpace(long free) : IFreeSpaceProbe
    {
        public long FreeBytes(string directory) => free;
    }
}
