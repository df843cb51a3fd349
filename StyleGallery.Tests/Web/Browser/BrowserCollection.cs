namespace StyleGallery.Tests.Web.Browser;

/// <summary>
/// Every browser test class shares one running app and one Chromium (each takes seconds to start), and they run one
/// after another, so a slow machine is never asked to paint two pictures at once.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
