using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using StyleGallery.Web.Components.Studio;

namespace StyleGallery.Tests.Web;

public sealed class PhotoDropTests : BunitPage
{
    [Fact]
    public void A_file_over_the_limit_is_refused_with_its_size_and_the_limit()
    {
        var chosen = new List<PhotoSelected>();
        var drop = Render<PhotoDrop>(p => p.Add(c => c.MaxBytes, 1024 * 1024).Add(c => c.OnPhoto, chosen.Add));

        drop.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[2 * 1024 * 1024], "huge.jpg", contentType: "image/jpeg"));

        Assert.Contains("“huge.jpg” is 2 MB; the limit is 1 MB.", drop.Find("[role=alert]").TextContent);
        Assert.Empty(chosen);
    }

    [Fact]
    public void A_chosen_file_is_handed_over_byte_for_byte_and_previewed()
    {
        var chosen = new List<PhotoSelected>();
        var drop = Render<PhotoDrop>(p => p.Add(c => c.OnPhoto, chosen.Add));
        byte[] bytes = [1, 2, 3, 4, 5];

        drop.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(bytes, "me.png", contentType: "image/png"));

        var photo = Assert.Single(chosen);
        Assert.Equal("me.png", photo.FileName);
        Assert.Equal(bytes, photo.Bytes);
        Assert.StartsWith("data:image/png;base64,AQIDBAU=", drop.Find("img.preview").GetAttribute("src"));
    }

    [Fact]
    public void The_box_says_a_photo_can_be_pasted_and_listens_for_pastes()
    {
        var module = JSInterop.SetupModule(PhotoDrop.PasteModule);
        module.Mode = JSRuntimeMode.Loose;

        var drop = Render<PhotoDrop>();

        Assert.Contains("or paste one with Ctrl+V", drop.Find("[data-testid=paste-hint]").TextContent);
        module.VerifyInvoke("listenForPastedImages");
    }

    [Fact]
    public void Without_paste_there_is_no_hint_and_no_listener()
    {
        var drop = Render<PhotoDrop>(p => p.Add(c => c.AcceptPaste, false));

        Assert.Empty(drop.FindAll("[data-testid=paste-hint]"));
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "import");
    }

    [Fact]
    public async Task A_pasted_image_is_handed_over_and_previewed()
    {
        var chosen = new List<PhotoSelected>();
        var drop = Render<PhotoDrop>(p => p.Add(c => c.OnPhoto, chosen.Add));

        await drop.InvokeAsync(() => drop.Instance.OnPastedImageAsync("image.png", "image/png", new PastedStream([1, 2, 3, 4, 5])));

        var photo = Assert.Single(chosen);
        Assert.Equal("image.png", photo.FileName);
        Assert.Equal([1, 2, 3, 4, 5], photo.Bytes);
        Assert.StartsWith("data:image/png;base64,AQIDBAU=", drop.Find("img.preview").GetAttribute("src"));
    }

    [Fact]
    public async Task A_pasted_image_over_the_limit_is_refused_unread()
    {
        var chosen = new List<PhotoSelected>();
        var drop = Render<PhotoDrop>(p => p.Add(c => c.MaxBytes, 1024 * 1024).Add(c => c.OnPhoto, chosen.Add));
        var pasted = new PastedStream(new byte[3 * 1024 * 1024]);

        await drop.InvokeAsync(() => drop.Instance.OnPastedImageAsync("image.png", "image/png", pasted));

        Assert.Contains("“image.png” is 3 MB; the limit is 1 MB.", drop.Find("[role=alert]").TextContent);
        Assert.Empty(chosen);
        Assert.False(pasted.Opened);
    }

    [Fact]
    public void A_photo_chosen_elsewhere_is_previewed()
    {
        var drop = Render<PhotoDrop>(p => p.Add(c => c.Photo, new PhotoSelected("sample.jpg", [1, 2, 3, 4, 5])));

        Assert.Equal("data:image/jpeg;base64,AQIDBAU=", drop.Find("img.preview").GetAttribute("src"));
    }

    // Issue 24, point 10: closing the tab cancels the circuit's JS calls and streams; that is no error to log.

    [Fact]
    public async Task A_tab_closed_while_a_pasted_image_is_read_stops_quietly()
    {
        var chosen = new List<PhotoSelected>();
        var drop = Render<PhotoDrop>(p => p.Add(c => c.OnPhoto, chosen.Add));

        await drop.InvokeAsync(() => drop.Instance.OnPastedImageAsync("image.png", "image/png", new PastedStream([1, 2, 3], cancelled: true)));

        Assert.Empty(chosen);
        Assert.Empty(drop.FindAll("[role=alert]"));
    }

    [Fact]
    public void A_tab_closed_before_the_paste_listener_is_set_up_stops_quietly()
    {
        Services.AddSingleton<IJSRuntime>(new ClosedTab());

        var drop = Render<PhotoDrop>();

        Assert.False(Renderer.UnhandledException.IsCompleted);
        Assert.Contains("Drop a photo here", drop.Markup);
    }

    [Fact]
    public async Task A_tab_closed_while_the_paste_listener_is_removed_stops_quietly()
    {
        var module = JSInterop.SetupModule(PhotoDrop.PasteModule);
        module.Mode = JSRuntimeMode.Loose;
        JSInterop.SetupVoid("dispose").SetCanceled();
        module.SetupVoid("dispose").SetCanceled();
        var drop = Render<PhotoDrop>();

        await drop.InvokeAsync(async () => await drop.Instance.DisposeAsync());
    }

    /// <summary>A circuit whose tab has closed: every JS call is cancelled.</summary>
    private sealed class ClosedTab : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            ValueTask.FromException<TValue>(new TaskCanceledException("The circuit is gone."));

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => InvokeAsync<TValue>(identifier, args);
    }

    /// <summary>What paste.js hands over: a browser-side blob .NET reads as a stream.</summary>
    private sealed class PastedStream(byte[] bytes, bool cancelled = false) : IJSStreamReference
    {
        public bool Opened { get; private set; }

        public long Length => bytes.Length;

        public ValueTask<Stream> OpenReadStreamAsync(long maxAllowedSize = 512000, CancellationToken cancellationToken = default)
        {
            Opened = true;
            if (cancelled) throw new TaskCanceledException("The circuit is gone.");
            if (bytes.Length > maxAllowedSize) throw new InvalidOperationException("Read past the allowed size.");
            return ValueTask.FromResult<Stream>(new MemoryStream(bytes));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
