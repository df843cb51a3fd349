namespace StyleGallery.Data;

/// <summary>The configured database cannot be used, e.g. an unknown provider name.</summary>
public sealed class DatabaseConfigurationException(string message) : Exception(message);
