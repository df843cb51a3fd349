namespace StyleGallery.Engine.Models;

/// <summary>A model catalogue that cannot be read or contradicts itself.</summary>
public sealed class InvalidCatalogException(string message, Exception? inner = null) : Exception(message, inner);
