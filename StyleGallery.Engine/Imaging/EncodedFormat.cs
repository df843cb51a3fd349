namespace StyleGallery.Engine.Imaging;

/// <summary>The formats <see cref="ImageEncoder"/> writes.</summary>
public enum EncodedFormat { Png, Jpeg, Webp }
