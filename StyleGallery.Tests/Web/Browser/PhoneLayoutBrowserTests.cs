using System.Text.Json;
using Microsoft.Playwright;
using static StyleGallery.Tests.Web.Browser.StudioActions;

namespace StyleGallery.Tests.Web.Browser;

/// <summary>
/// Issue 25: the app on a phone (390 × 844 CSS px, a common size). The gallery's first style shows in the first screen,
/// every control is big enough to tap (WCAG 2.2, 2.5.8: 24 × 24 CSS px; the main button of each flow 44 px tall),
/// nothing is wider than the screen or overlaps, and style names are shown whole.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class PhoneLayoutBrowserTests(BrowserFixture browser)
{
    public static readonly ViewportSize Screen = new() { Width = 390, Height = 844 };

    /// <summary>WCAG 2.2, 2.5.8 (AA): the least a target may measure, in CSS px.</summary>
    private const double MinimumTarget = 24;

    /// <summary>WCAG 2.5.5 (AAA) and the platforms' guidelines: the height of a flow's main button.</summary>
    private const double PrimaryTarget = 44;

    [Fact]
    public async Task The_gallerys_first_style_card_is_in_the_first_screen()
    {
        var page = await NewPhonePageAsync("/");

        // The painting whole, not the top of a card peeking in at the bottom of the screen.
        var card = await page.Locator(".style-card").First.EvaluateAsync<double[]>(
            "card => { const c = card.getBoundingClientRect(), p = card.querySelector('.painting, .placeholder').getBoundingClientRect(); return [c.top, p.bottom, innerHeight, scrollY]; }");
        var (top, paintingBottom, screen, scrolled) = (card[0], card[1], card[2], card[3]);
        Assert.Equal(0, scrolled);
        Assert.True(top >= 0 && top < screen, $"the first card starts at {top} px, outside the {screen}-px screen");
        Assert.True(paintingBottom <= screen, $"the first card's painting ends at {paintingBottom} px, below the {screen}-px screen");

        await ScreenshotAsync(page, "phone-gallery.png", fullPage: false, ScreenshotScale.Css);
    }

    [Fact]
    public async Task The_gallery_fits_a_phone_and_its_controls_are_big_enough_to_tap()
    {
        var page = await NewPhonePageAsync("/");
        await AssertFitsAsync(page, "#photo-input", ".style-pick");
        await AssertNamesWholeAsync(page, ".style-card .title");

        await UploadAsync(page, Landscape());
        await page.Locator(".style-pick").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=result] img")).ToHaveJSPropertyAsync("naturalWidth", 160);

        await AssertFitsAsync(page, "#photo-input", ".style-pick", "[data-testid=result-page]", "[data-testid=result-download]");
    }

    [Fact]
    public async Task The_studio_fits_a_phone_and_its_controls_are_big_enough_to_tap()
    {
        var page = await NewPhonePageAsync("/studio");
        await UploadAsync(page, Landscape());
        await AssertFitsAsync(page, "#photo-input", "[data-testid=fast-start]");
        await AssertNamesWholeAsync(page, "[data-testid=style-select]");

        await page.Locator("[data-testid=fast-start]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=fast-result] [data-testid=after]")).ToHaveJSPropertyAsync("naturalWidth", 160);
        await AssertFitsAsync(page, "[data-testid=fast-start]", "[data-testid=result-page]", "[data-testid=result-download]");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Optimise" }).ClickAsync();
        await page.GetByText("Advanced").ClickAsync();
        await Assertions.Expect(page.GetByLabel("Content weight α")).ToBeVisibleAsync();
        await AssertFitsAsync(page, "[data-testid=optimise-start]");
    }

    [Fact]
    public async Task A_result_page_fits_a_phone_with_its_buttons_in_one_row()
    {
        var page = await NewPhonePageAsync("/");
        // Wide enough to fill the phone's column in the screenshot (a picture is never shown larger than its pixels).
        await UploadAsync(page, Photo("hills.jpg", BrowserTestPhotos.Landscape(480, 360)));
        await page.Locator(".style-pick").First.ClickAsync();
        var share = page.Locator("[data-testid=result-page]");
        await Assertions.Expect(share).ToBeVisibleAsync();
        await browser.GoToAsync(page, (await share.GetAttributeAsync("href"))!);
        await Assertions.Expect(page.Locator("[data-testid=picture]")).ToHaveJSPropertyAsync("complete", true);

        string[] buttons = ["[data-testid=copy-link]", "[data-testid=download-png]", "[data-testid=download-jpeg]"];
        await AssertFitsAsync(page, buttons);
        await AssertNamesWholeAsync(page, "main h1", "[data-testid=sources] figcaption", "[data-testid=picture-facts] td");
        var tops = new List<double>();
        foreach (var button in buttons) tops.Add((await page.Locator(button).BoundingBoxAsync())!.Y);
        Assert.True(tops.Max() - tops.Min() < 1, $"the share and download buttons are not in one row: their tops are at {string.Join(", ", tops)} px");

        await ScreenshotAsync(page, "phone-result.png", fullPage: true, ScreenshotScale.Css);
    }

    [Fact]
    public async Task The_live_page_fits_a_phone_and_its_controls_are_big_enough_to_tap()
    {
        var page = await NewPhonePageAsync("/live");
        await AssertFitsAsync(page, "[data-testid=live-toggle]");
        await AssertNamesWholeAsync(page, "[data-testid=live-network-hint]");

        await page.GetByTestId("live-toggle").ClickAsync();
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=live-picture]').dataset.frames ?? 0) >= 2",
            null, new() { Timeout = BrowserFixture.PatientMs });
        await Assertions.Expect(page.GetByTestId("live-rate")).ToContainTextAsync("frames/s");

        await AssertFitsAsync(page, "[data-testid=live-toggle]", "[data-testid=live-snapshot]");
        await page.GetByTestId("live-toggle").ClickAsync();
    }

    private Task<IPage> NewPhonePageAsync(string path) => browser.NewPageAsync(path, new BrowserNewContextOptions
    {
        ViewportSize = Screen,
        DeviceScaleFactor = 3,
        IsMobile = true,
        HasTouch = true,
    });

    /// <summary>
    /// Nothing wider than the screen; no visible control smaller than 24 px either way, nor two overlapping; each of
    /// <paramref name="primary"/> (the flow's main controls) on the page and at least 44 px tall. Every offender is named.
    /// </summary>
    private static async Task AssertFitsAsync(IPage page, params string[] primary)
    {
        await WhenStillAsync(page);
        var report = LayoutReport.From(await page.EvaluateAsync<JsonElement>(MeasureScript, new { primary, minimum = MinimumTarget, primaryHeight = PrimaryTarget }));
        var at = $"{new Uri(page.Url).PathAndQuery} at {Screen.Width} × {Screen.Height}";
        Assert.True(report.ScrollWidth <= Screen.Width,
            $"{at}: the page is {report.ScrollWidth} px wide; wider than the screen: {string.Join("; ", report.Overflowing)}");
        Assert.True(report.TooSmall.Count == 0, $"{at}: controls under {MinimumTarget} × {MinimumTarget} px: {string.Join("; ", report.TooSmall)}");
        Assert.True(report.Overlapping.Count == 0, $"{at}: overlapping controls: {string.Join("; ", report.Overlapping)}");
        Assert.True(report.PrimaryTooLow.Count == 0, $"{at}: main controls under {PrimaryTarget} px tall: {string.Join("; ", report.PrimaryTooLow)}");
        Assert.True(report.Measured > 0, $"{at}: no control measured");
    }

    /// <summary>Every element of <paramref name="selectors"/> shows its whole text: nothing cut off with an ellipsis or hidden.</summary>
    private static async Task AssertNamesWholeAsync(IPage page, params string[] selectors)
    {
        foreach (var selector in selectors)
        {
            var cut = await page.EvaluateAsync<string[]>(
                """
                selector => {
                    const found = [...document.querySelectorAll(selector)];
                    if (found.length === 0) return [`nothing matches ${selector}`];
                    return found
                        .filter(e => e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight + 1)
                        .map(e => `"${e.textContent.trim()}" (${e.clientWidth} × ${e.clientHeight} px shows ${e.scrollWidth} × ${e.scrollHeight})`);
                }
                """, selector);
            Assert.True(cut.Length == 0, $"{selector}, names cut at {Screen.Width} px: {string.Join("; ", cut)}");
        }
    }

    /// <summary>A new picture is scrolled into view smoothly; measure once the page stands still.</summary>
    private static Task WhenStillAsync(IPage page) => page.WaitForFunctionAsync(
        "() => new Promise(done => { const y = window.scrollY; setTimeout(() => done(window.scrollY === y), 300); })");

    private sealed record LayoutReport(
        double ScrollWidth, IReadOnlyList<string> Overflowing, int Measured, IReadOnlyList<string> TooSmall, IReadOnlyList<string> Overlapping,
        IReadOnlyList<string> PrimaryTooLow)
    {
        public static LayoutReport From(JsonElement json) => new(
            json.GetProperty("scrollWidth").GetDouble(), Strings(json, "overflowing"), json.GetProperty("measured").GetInt32(),
            Strings(json, "tooSmall"), Strings(json, "overlapping"), Strings(json, "primaryTooLow"));

        private static List<string> Strings(JsonElement json, string name) =>
            json.GetProperty(name).EnumerateArray().Select(e => e.GetString() ?? "").ToList();
    }

    /// <summary>
    /// Every visible control, measured by its box on screen: a switch or checkbox by its label (a tap on the label
    /// toggles it), anything else by its own element. Hidden ones (display: none, or inside a collapsed panel) do not count.
    /// Returns the page's width, the controls too small, those overlapping, and the main controls too low.
    /// </summary>
    private const string MeasureScript =
        """
        ({ primary, minimum, primaryHeight }) => {
            const selector = 'button, a[href], input:not([type=hidden]), select, textarea, [role=button], [role=switch], '
                + '[role=slider], [role=tab], [role=combobox], [role=checkbox], [role=menuitem], [tabindex]:not([tabindex="-1"])';
            const clippedAway = el => {
                for (let p = el.parentElement; p; p = p.parentElement) {
                    const s = getComputedStyle(p);
                    if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
                    const r = p.getBoundingClientRect();
                    if (r.width < 1 || r.height < 1) return true;
                }
                return false;
            };
            const shown = el => {
                if (!el.checkVisibility({ visibilityProperty: true })) return false;
                const r = el.getBoundingClientRect();
                return r.width > 0 && r.height > 0 && !clippedAway(el);
            };
            const target = el => (el.type === 'checkbox' || el.type === 'radio') && el.closest('label') || el;
            const name = el => {
                const text = el.getAttribute('data-testid') || el.getAttribute('aria-label') || el.id || el.textContent.trim().slice(0, 40)
                    || el.getAttribute('title') || el.className.toString().slice(0, 40);
                return `${el.tagName.toLowerCase()} "${text}"`;
            };
            const size = r => `${Math.round(r.width * 10) / 10} × ${Math.round(r.height * 10) / 10}`;

            const targets = [...new Set([...document.querySelectorAll(selector)].filter(shown).map(target))];
            // The app bar stays at the top as the page scrolls under it: only what scrolls together can overlap.
            const pinned = el => { for (let p = el; p; p = p.parentElement) if (['fixed', 'sticky'].includes(getComputedStyle(p).position)) return p; return null; };
            const boxes = targets.map(el => ({ el, r: el.getBoundingClientRect(), layer: pinned(el) }));
            const tooSmall = boxes.filter(b => b.r.width < minimum || b.r.height < minimum).map(b => `${name(b.el)} ${size(b.r)}`);
            const overlapping = [];
            for (let i = 0; i < boxes.length; i++) {
                for (let j = i + 1; j < boxes.length; j++) {
                    const [a, b] = [boxes[i], boxes[j]];
                    if (a.el.contains(b.el) || b.el.contains(a.el) || a.layer !== b.layer) continue;
                    const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
                    const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
                    if (w > 1 && h > 1) overlapping.push(`${name(a.el)} and ${name(b.el)} by ${size({ width: w, height: h })}`);
                }
            }
            const primaryTooLow = primary.flatMap(s => {
                const found = [...document.querySelectorAll(s)].filter(shown).map(target);
                if (found.length === 0) return [`${s}: not on the page`];
                return found.map(el => ({ el, r: el.getBoundingClientRect() })).filter(b => b.r.height < primaryHeight)
                    .map(b => `${s}: ${name(b.el)} ${size(b.r)}`);
            });
            const overflowing = [...document.querySelectorAll('body *')]
                .filter(el => { const r = el.getBoundingClientRect(); return r.width > 0 && (r.right > innerWidth + 0.5 || r.left < -0.5); })
                .slice(0, 10).map(el => `${name(el)} ${Math.round(el.getBoundingClientRect().left)}..${Math.round(el.getBoundingClientRect().right)}`);
            return {
                scrollWidth: document.scrollingElement.scrollWidth, overflowing, measured: boxes.length, tooSmall, overlapping, primaryTooLow,
            };
        }
        """;
}
