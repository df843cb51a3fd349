using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace StyleGallery.Tests.Web.Browser;

/// <summary>An axe-core scan of the page as it is now.</summary>
public static class Accessibility
{
    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();

        var serious = result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id}: {v.Help}: {string.Join(" | ", v.Nodes.Select(n => n.Html))}")
            .ToList();
        Assert.True(serious.Count == 0, $"{page.Url}\n{string.Join("\n", serious)}");
    }
}
