using StyleGallery.Engine.Imaging;

namespace StyleGallery.Web.Services;

/// <summary>Decodes an untrusted upload within the app's limits; a bad file becomes a message for the visitor.</summary>
public static class UploadDecoding
{
    public static RgbImage Decode(byte[] photo, long maxBytes)
    {
        try
        {
            return ImageDecoder.Decode(photo, ImageLimits.Default with { MaxBytes = maxBytes });
        }
        catch (ImageDecodeException e)
        {
            throw new UserFacingException(e.Message, e);
        }
    }
}
