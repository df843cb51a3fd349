namespace StyleGallery.Engine.Models;

/// <summary>A model could not be installed: no source worked, or what arrived failed its checksum.</summary>
public sealed class ModelInstallException(string message, Exception? inner = null) : Exception(message, inner);
