namespace StyleGallery.Web.Components.Pictures;

/// <summary>
/// How wide the card boxes are, for the <c>sizes</c> attribute of their thumbnails, worked out from MudBlazor's layout
/// (container at most 1280 px with 16 px gutters, 24 from 600 px; grid spacing 3 is 12 px, 4 is 16; breakpoints 600,
/// 960, 1280). A few pixels off only moves the browser's choice between the 1× and 2× files a little.
/// </summary>
public static class ThumbnailSizes
{
    /// <summary>The gallery's cards: in the 7/12 column beside the photo from 960 px, three a row from 1280, two from 600.</summary>
    public const string GalleryCard =
        "(min-width: 1280px) 230px, (min-width: 960px) calc(29.2vw - 23px), (min-width: 600px) calc(50vw - 30px), calc(100vw - 32px)";

    /// <summary>The cards of <c>/mine</c> and <c>/explore</c>: the page's full width, four a row from 1280 px, three from 960, two from 600.</summary>
    public const string PageCard =
        "(min-width: 1280px) 300px, (min-width: 960px) calc(33.4vw - 24px), (min-width: 600px) calc(50vw - 30px), calc(100vw - 32px)";
}
