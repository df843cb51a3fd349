using StyleGallery.Engine.Imaging;

namespace StyleGallery.Web.Services;

/// <summary>
/// The app's limits on an untrusted upload, applied when the app decodes one itself to store it re-encoded (a picture
/// for the engine carries the limit in its request instead). A bad file becomes a message for the visitor.
/// </summary>
public static class UploadDecoding
{
    /// <exception cref="UserFacingException">The upload is too large or no picture that can be read.</exception>
    public static RgbImage Decode(byte[] upload, long maxBytes)
    {
        try
        {
            return ImageDecoder.Decode(upload, ImageLimits.Default with { MaxBytes = maxBytes });
        }
        catch (ImageDecodeException e)
        {
            throw new UserFacingException(e.Message, e);
        }
    }
}
