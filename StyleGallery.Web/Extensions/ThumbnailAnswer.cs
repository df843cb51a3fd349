using StyleGallery.Engine.Imaging;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Thumbnails;

namespace StyleGallery.Web.Extensions;

/// <summary>How every thumbnail endpoint answers: the file, a 404 when its picture is not there, "busy" when decodes are.</summary>
public static class ThumbnailAnswer
{
    /// <param name="variant">The variant the URL names; null (a name that is none) is a 404, so no other size is ever made.</param>
    /// <param name="find">The thumbnail's path, made if need be; null when its picture is not there.</param>
    public static Task<IResult> FileAsync(ThumbnailVariant? variant, Func<ThumbnailVariant, Task<string?>> find, HttpResponse response) =>
        variant is null ? Task.FromResult(Results.NotFound()) : FileAsync(() => find(variant), variant.Format, response);

    /// <param name="find">The file's path, made if need be; null when its picture is not there.</param>
    /// <param name="format">What the file is.</param>
    public static async Task<IResult> FileAsync(Func<Task<string?>> find, EncodedFormat format, HttpResponse response)
    {
        try
        {
            return await find() is { } path ? Results.File(path, format.MimeType()) : Results.NotFound();
        }
        catch (DecodeBusyException e)
        {
            return EngineRefusals.Problem(EngineRefusals.Busy(e), response); // 503 with Retry-After, never cached
        }
        catch (ImageDecodeException)
        {
            return Results.NotFound(); // a picture that cannot be read has no thumbnail; the page shows its alt text
        }
    }
}
