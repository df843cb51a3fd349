namespace StyleGallery.Engine.Networks;

/// <summary>A layer name that the architecture does not have (e.g. <c>relu3_4</c> on VGG16).</summary>
public sealed class UnknownVggLayerException(string message) : ArgumentException(message);

/// <summary>The weight file lacks a layer that was asked for (e.g. the partial VGG16 file of the development mirror stops at conv3_3).</summary>
public sealed class MissingVggLayerException(string message) : Exception(message);
