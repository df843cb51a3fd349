namespace StyleGallery.Engine.Imaging;

/// <summary>The encoded formats <see cref="ImageDecoder"/> accepts.</summary>
public enum ImageFormat { Jpeg, Png, Webp, Bmp, Gif }
