using Bunit;
using Microsoft.Extensions.DependencyInjection;
using StyleGallery.Engine.Client;
using StyleGallery.Engine.Jobs;
using StyleGallery.Web.Components.Studio;
using StyleGallery.Web.Services.Jobs;
using StyleGallery.Web.Services.Owners;
using StyleGallery.Web.Services.Print;

namespace StyleGallery.Tests.Web;

public sealed class PrintProgressTests : BunitPage
{
    private const string Id = "print-1";
    private readonly FakeJobNotifications _notifications = new();
    private readonly FakePrintJobs _prints = new();

    private const string Me = "me-owner-token-0000000";

    public PrintProgressTests()
    {
        Services.AddSingleton<IJobNotifications>(_notifications);
        Services.AddSingleton<IPrintJobs>(_prints);
        Services.AddSingleton(new BrowserOwner { Token = Me });
        _prints.Owners[Id] = Me;
    }

    private static JobUpdate Update(JobStatus status, int step = 0, int total = 0, string? message = null, string? error = null, int? queuePosition = null) =>
        new(Id, JobKind.Print, status, queuePosition, step, total, 12, null, null, null, status == JobStatus.Succeeded ? 1 : 0, error, Message: message);

    private IRenderedComponent<PrintProgress> RenderPrint(bool isOwner = true) =>
        Render<PrintProgress>(p => p.Add(c => c.JobId, Id).Add(c => c.IsOwner, isOwner));

    [Fact]
    public void A_running_print_says_which_tile_it_paints_and_can_be_cancelled()
    {
        _notifications.Now = Update(JobStatus.Running, 5, 21, "Painting tile 3 of 16");
        var print = RenderPrint();

        Assert.Equal("Painting tile 3 of 16", print.Find("[data-testid=print-status]").TextContent.Trim());
        Assert.Empty(print.FindAll("[data-testid=print-download]"));
        print.Find("[data-testid=print-cancel]").Click();

        Assert.Equal([Id], _prints.Cancelled);
    }

    [Fact]
    public void Progress_pushed_later_replaces_what_is_shown_and_a_watcher_gets_no_cancel()
    {
        _notifications.Now = Update(JobStatus.Queued, queuePosition: 2);
        var print = RenderPrint(isOwner: false);
        Assert.Contains("2 jobs ahead", print.Find("[data-testid=print-status]").TextContent);

        print.InvokeAsync(() => _notifications.Push(Update(JobStatus.Running, 9, 21, "Painting tile 7 of 16")));

        print.WaitForAssertion(() => Assert.Equal("Painting tile 7 of 16", print.Find("[data-testid=print-status]").TextContent.Trim()));
        Assert.Empty(print.FindAll("[data-testid=print-cancel]"));
    }

    [Fact]
    public void A_finished_print_shows_its_screen_size_view_and_downloads_the_full_file()
    {
        _prints.Finished.Add(Id);
        _notifications.Now = Update(JobStatus.Succeeded, 22, 22, "Done");
        var print = RenderPrint();

        var download = print.Find("[data-testid=print-download]");
        Assert.Equal("/prints/print-1.png", download.GetAttribute("href"));
        Assert.Equal("print-1.png", download.GetAttribute("download"));
        Assert.StartsWith($"/jobs/{Id}/preview.webp", print.Find("[data-testid=print-view]").GetAttribute("src"));
        Assert.Empty(print.FindAll("[data-testid=print-cancel]"));
    }

    [Fact]
    public void Another_browser_sees_a_finished_print_without_its_download()
    {
        _prints.Finished.Add(Id);
        _notifications.Now = Update(JobStatus.Succeeded, 22, 22, "Done");
        var print = RenderPrint(isOwner: false);

        Assert.Equal("Your print is ready", print.Find("[data-testid=print-status]").TextContent.Trim());
        Assert.Empty(print.FindAll("[data-testid=print-download]"));
    }

    [Fact]
    public void Cancel_is_asked_for_with_this_browsers_owner()
    {
        _notifications.Now = Update(JobStatus.Running, 5, 21, "Painting tile 3 of 16");
        _prints.Owners[Id] = "someone-else-000000000"; // the page said owner, the server knows better
        var print = RenderPrint();

        print.Find("[data-testid=print-cancel]").Click();

        Assert.Empty(_prints.Cancelled);
    }

    [Fact]
    public void A_failed_print_says_why()
    {
        _notifications.Now = Update(JobStatus.Failed, error: "The style 'x' does not exist.");
        var print = RenderPrint();

        Assert.Contains("does not exist", print.Find("[data-testid=print-failed]").TextContent);
        Assert.Empty(print.FindAll("[data-testid=print-download]"));
    }
}
