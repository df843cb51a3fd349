namespace StyleGallery.Web.Components.Studio;

/// <summary>A photo the visitor chose: its name as the browser gave it, and its untrusted bytes.</summary>
public sealed record PhotoSelected(string FileName, byte[] Bytes);
