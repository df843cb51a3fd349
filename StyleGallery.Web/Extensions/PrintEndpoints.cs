using StyleGallery.Engine.Imaging;
using StyleGallery.Web.Services.Print;

namespace StyleGallery.Web.Extensions;

/// <summary><c>/prints/{id}.png</c> or <c>.jpg</c>: a finished print, as a download (it is far too large to show).</summary>
public static class PrintEndpoints
{
    public static WebApplication MapPrintEndpoints(this WebApplication app)
    {
        app.MapGet("/prints/{name}", (string name, PrintJobs prints) =>
        {
            var id = Path.GetFileNameWithoutExtension(name);
            if (prints.Find(id) is not { } path || Path.GetFileName(path) != name) return Results.NotFound();
            var format = EncodedFormats.FromExtension(path);
            return Results.File(path, format.MimeType(), fileDownloadName: $"stylegallery-print-{name}", enableRangeProcessing: true);
        });
        return app;
    }
}
