namespace StyleGallery.Engine.Models;

/// <summary>A weight file that is not a well-formed safetensors file, or not the layout a network expects.</summary>
public sealed class InvalidWeightsException(string message) : Exception(message);
