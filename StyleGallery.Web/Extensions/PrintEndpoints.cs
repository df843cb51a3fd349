using StyleGallery.Engine.Imaging;
using StyleGallery.Web.Services.Owners;
using StyleGallery.Web.Services.Print;

namespace StyleGallery.Web.Extensions;

/// <summary>
/// <c>/prints/{id}.png</c> or <c>.jpg</c>: a finished print, as a download (it is far too large to show), for the browser
/// that started it. Any other name (not a job id, another type, a path), or another browser, gets a 404 as a print that
/// is not there does: the name is looked up among the app's own prints, never used as a path.
/// </summary>
public static class PrintEndpoints
{
    public static WebApplication MapPrintEndpoints(this WebApplication app)
    {
        app.MapGet("/prints/{name}", (string name, HttpContext context, PrintJobs prints) =>
        {
            var id = Path.GetFileNameWithoutExtension(name);
            if (prints.Find(id) is not { } path || Path.GetFileName(path) != name || !prints.IsOwner(id, OwnerToken.Of(context)))
                return Results.NotFound();
            var format = EncodedFormats.FromExtension(path);
            return Results.File(path, format.MimeType(), fileDownloadName: $"stylegallery-print-{name}", enableRangeProcessing: true);
        });
        return app;
    }
}
