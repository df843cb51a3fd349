using StyleGallery.Engine.Imaging;

namespace StyleGallery.Web.Services;

/// <summary>
/// The app's limits on an untrusted upload, applied when the app decodes one itself to store it re-encoded (a picture
/// for the engine carries the limit in its request instead). A bad file becomes a message for the visitor; a full
/// decode budget, "busy" (HTTP 503).
/// </summary>
public static class UploadDecoding
{
    /// <summary>
    /// The upload with its longer side at most <paramref name="maxSide"/>, decoded straight to that size
    /// (<see cref="ImageDecoder.DecodeToFit"/>): the app never keeps more of an upload than it stores.
    /// </summary>
    /// <exception cref="UserFacingException">The upload is too large or no picture that can be read.</exception>
    /// <exception cref="EngineBusyException">Too many pictures are being decoded at once.</exception>
    public static RgbImage DecodeToFit(byte[] upload, long maxBytes, int maxSide)
    {
        try
        {
            return ImageDecoder.DecodeToFit(upload, maxSide, ImageLimits.Default with { MaxBytes = maxBytes });
        }
        catch (ImageDecodeException e)
        {
            throw new UserFacingException(e.Message, e);
        }
        catch (DecodeBusyException e)
        {
            throw EngineRefusals.Busy(e);
        }
    }

    /// <summary>Format, stored size and orientation of the upload, from its header alone.</summary>
    /// <exception cref="UserFacingException">The upload is no picture that can be read.</exception>
    public static ImageHeader Probe(byte[] upload)
    {
        try
        {
            return ImageDecoder.Probe(upload);
        }
        catch (ImageDecodeException e)
        {
            throw new UserFacingException(e.Message, e);
        }
    }
}
